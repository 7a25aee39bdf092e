package xm.hypervisor.libvirt;

import java.util.LinkedHashMap;
import java.util.Map;
import xm.diag.XmException;
import xm.hypervisor.Sched;

/**
 * Xen's credit scheduler (weight 1..65535, default 256; cap in % of one CPU, 0 for none) on
 * libvirt's scheduler parameters, both ways. Pure: parameters are name to value as libvirt prints
 * them.
 *
 * <ul>
 *   <li>libxl ({@code credit}, {@code credit2}): {@code weight} and {@code cap}, as Xen has them.
 *   <li>QEMU and LXC ({@code posix}, cgroups): {@code cpu_shares} is the weight, scaled so that
 *       Xen's default 256 is the cgroup default 1024; the cap is a quota for the whole domain,
 *       {@code global_quota} microseconds per {@code global_period} of 100000 (cap 150: 150000, one
 *       and a half CPUs), -1 for none.
 *   <li>libvirt's test driver ({@code fair}): {@code weight} only.
 * </ul>
 */
final class SchedMapping {
  static final long PERIOD_US = 100_000;

  private SchedMapping() {}

  /** The credit parameters a domain with scheduler {@code type} and {@code params} has. */
  static Sched read(String type, Map<String, String> params) {
    Sched d = Sched.defaults(false);
    return switch (type) {
      case "credit", "credit2" ->
          d.withCredit(
              clampWeight(number(params.get("weight"), d.weight())),
              (int) Math.max(0, number(params.get("cap"), 0)));
      case "posix" -> {
        long shares = number(params.get("cpu_shares"), 1024);
        long quota = number(params.get("global_quota"), -1);
        long period = number(params.get("global_period"), PERIOD_US);
        int cap =
            quota <= 0 || period <= 0
                ? 0
                : (int) Math.min(Integer.MAX_VALUE, Math.round(quota * 100.0 / period));
        yield d.withCredit(clampWeight(Math.round(shares / 4.0)), cap);
      }
      case "fair" -> d.withCredit(clampWeight(number(params.get("weight"), d.weight())), 0);
      default -> d;
    };
  }

  /**
   * The parameters to set for weight {@code weight} and cap {@code cap} on scheduler {@code type},
   * typed as libvirt wants them ({@code uint}, {@code ullong}, {@code llong}); {@code params} are
   * the domain's current ones (a posix domain without {@code global_quota} cannot be capped).
   */
  static Map<String, Typed> write(
      String type, String uri, int weight, int cap, Map<String, String> params) {
    Map<String, Typed> out = new LinkedHashMap<>();
    switch (type) {
      case "credit", "credit2" -> {
        out.put("weight", new Typed(Kind.UINT, weight));
        out.put("cap", new Typed(Kind.UINT, cap));
      }
      case "posix" -> {
        out.put("cpu_shares", new Typed(Kind.ULLONG, weight * 4L));
        if (cap != 0 || params.containsKey("global_quota")) {
          if (!params.containsKey("global_quota")) {
            throw XmException.error(
                "cap: libvirt on "
                    + uri
                    + " has no global_quota for this domain (libvirt 1.3.3 or"
                    + " newer with cgroups' cpu controller has it); set the weight alone (-w)");
          }
          out.put("global_period", new Typed(Kind.ULLONG, PERIOD_US));
          out.put("global_quota", new Typed(Kind.LLONG, cap == 0 ? -1 : cap * (PERIOD_US / 100)));
        }
      }
      case "fair" -> {
        if (cap != 0) {
          throw XmException.error(
              "cap: libvirt's test driver (" + uri + ") has a weight and no cap; use -c 0");
        }
        out.put("weight", new Typed(Kind.UINT, weight));
      }
      default ->
          throw XmException.error(
              "libvirt's " + type + " scheduler on " + uri + " has no weight or cap to set");
    }
    return out;
  }

  /** A parameter's libvirt type. */
  enum Kind {
    UINT,
    ULLONG,
    LLONG
  }

  /** A value with its libvirt type. */
  record Typed(Kind kind, long value) {}

  private static long number(String v, long dflt) {
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  private static int clampWeight(long w) {
    return (int) Math.max(Sched.MIN_WEIGHT, Math.min(Sched.MAX_WEIGHT, w));
  }
}
