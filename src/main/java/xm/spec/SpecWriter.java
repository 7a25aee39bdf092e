package xm.spec;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import xm.diag.XmException;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.LifecycleAction;
import xm.hypervisor.PowerState;
import xm.hypervisor.VifSpec;
import xm.hypervisor.VtpmSpec;

/**
 * Writes a domain as a spec document (kind: Domain): a config for {@code xm convert}, a domain a
 * host runs for {@code xm list -o yaml}. Fields whose value is what the reader fills in anyway are
 * left out. Pure.
 */
public final class SpecWriter {
  private SpecWriter() {}

  /** {@code c} as a spec document; {@code host} (metadata.host) and {@code comment} may be null. */
  public static String yaml(DomainConfig c, String host, String comment) {
    return document(c, host, comment, DesiredState.RUNNING);
  }

  /**
   * A domain as it runs now, as a spec document that {@code xm apply} reads back to exactly this
   * domain (so that, once adopted, applying it changes nothing): the current balloon target and
   * ceiling, the VCPUs online now and the boot maximum, {@code state: paused} when paused, its
   * devices with their MACs. No uuid, no domain id, no device numbers, no xm annotations.
   *
   * @param host metadata.host, or null to leave it to the default host of whoever applies it
   * @throws IllegalArgumentException for Domain-0, which is the host's and never a spec's
   * @throws XmException when the domain has something a spec cannot say (the message names it)
   */
  public static String yaml(DomainInfo d, String host) {
    if (d.isDomain0()) {
      throw new IllegalArgumentException("Domain-0 is never written as a spec");
    }
    DomainConfig want = desired(d);
    DesiredState state = desiredState(d);
    String doc = document(want, host, null, state);
    readsBack(doc, want, host, state);
    return doc;
  }

  /** The config a spec for {@code d} declares: its current memory and online VCPUs, no uuid. */
  public static DomainConfig desired(DomainInfo d) {
    DomainConfig c = d.config();
    java.util.Map<String, String> extras = new java.util.LinkedHashMap<>(c.extras());
    xm.hypervisor.Sched sched = d.sched();
    if (!sched.equals(xm.hypervisor.Sched.defaults(false))
        || extras.containsKey("cpu_weight")
        || extras.containsKey("cpu_cap")) { // what it runs with now, not what it was created with
      extras.put("cpu_weight", Integer.toString(sched.weight()));
      extras.put("cpu_cap", Integer.toString(sched.cap()));
    }
    return new DomainConfig(
        c.name(),
        null,
        c.builder(),
        c.kernel(),
        c.ramdisk(),
        c.cmdline(),
        d.memoryMiB(),
        d.maxmemMiB(),
        d.onlineVcpus(),
        c.maxVcpus(),
        c.cpus(),
        c.onPoweroff(),
        c.onReboot(),
        c.onCrash(),
        c.disks(),
        c.vifs(),
        c.vtpms(),
        c.securityLabel(),
        extras);
  }

  /**
   * A canonical whole number from {@code min} to {@code max} (what sched: reads back to the same
   * text).
   */
  private static boolean within(String v, int min, int max) {
    return v != null
        && v.matches("0|[1-9][0-9]{0,4}")
        && Integer.parseInt(v) >= min
        && Integer.parseInt(v) <= max;
  }

  /** Paused when paused, defined when the host keeps it without running it, running otherwise. */
  public static DesiredState desiredState(DomainInfo d) {
    if (d.id() == null) {
      return DesiredState.DEFINED;
    }
    return d.power() == PowerState.PAUSED ? DesiredState.PAUSED : DesiredState.RUNNING;
  }

  /**
   * Reads {@code doc} back as apply would and fails unless it gives {@code want} (a domain with,
   * say, a bootloader instead of a kernel, or a vif option no spec field holds, cannot be exported:
   * better an error than a spec that says something else).
   */
  private static void readsBack(String doc, DomainConfig want, String host, DesiredState state) {
    String why;
    try {
      List<DomainSpec> read = SpecLoader.parse(want.name() + ".yaml", doc).domains();
      DomainSpec got = read.size() == 1 ? read.get(0) : null;
      if (got != null
          && got.config().equals(want)
          && got.state() == state
          && Objects.equals(got.host(), host)) {
        return;
      }
      why =
          got == null
              ? "it does not read back as one domain"
              : "it reads back with other values: " + differences(want, got, host, state);
    } catch (SpecError e) {
      why =
          String.join(
              "; ",
              e.problems().stream().map(p -> p.replaceFirst("^.*?:\\d+:\\d+: ", "")).toList());
    }
    throw XmException.error("Domain '" + want.name() + "' cannot be exported as a spec: " + why);
  }

  /**
   * The fields where {@code got} is not what was written (for the message of a failed read-back).
   */
  private static String differences(
      DomainConfig want, DomainSpec got, String host, DesiredState state) {
    List<String> out = new ArrayList<>();
    for (RecordComponent rc : DomainConfig.class.getRecordComponents()) {
      try {
        Object a = rc.getAccessor().invoke(want);
        Object b = rc.getAccessor().invoke(got.config());
        if (!Objects.equals(a, b)) {
          out.add(rc.getName() + " " + a + " became " + b);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    if (got.state() != state) {
      out.add("state " + state.text() + " became " + got.state().text());
    }
    if (!Objects.equals(got.host(), host)) {
      out.add("host " + host + " became " + got.host());
    }
    return String.join(", ", out);
  }

  private static String document(DomainConfig c, String host, String comment, DesiredState state) {
    StringBuilder b = new StringBuilder();
    if (comment != null) {
      // One line whatever the comment holds (it names a file, and a file name may hold a newline).
      b.append("# ").append(q(comment), 1, q(comment).length() - 1).append('\n');
    }
    b.append("apiVersion: ")
        .append(SpecSchema.API_VERSION)
        .append("\nkind: Domain\nmetadata:\n  name: ")
        .append(q(c.name()))
        .append('\n');
    if (host != null) {
      b.append("  host: ").append(q(host)).append('\n');
    }
    b.append("spec:\n");
    if (c.isHvm()) {
      b.append("  builder: hvm\n");
    }
    line(b, "kernel", c.kernel());
    line(b, "ramdisk", c.ramdisk());
    if (!c.cmdline().isEmpty()) {
      line(b, "cmdline", c.cmdline());
    }
    b.append("  memory: ").append(c.memoryMiB()).append("   # MiB\n");
    if (c.maxmemMiB() != c.memoryMiB()) {
      b.append("  maxmem: ").append(c.maxmemMiB()).append('\n');
    }
    b.append("  vcpus: ").append(c.vcpus()).append('\n');
    if (c.maxVcpus() != c.vcpus()) {
      b.append("  maxvcpus: ").append(c.maxVcpus()).append('\n');
    }
    line(b, "cpus", c.cpus());
    if (state != DesiredState.RUNNING) {
      b.append("  state: ").append(state.text()).append('\n');
    }
    action(b, "onPoweroff", c.onPoweroff(), LifecycleAction.DESTROY);
    action(b, "onReboot", c.onReboot(), LifecycleAction.RESTART);
    action(b, "onCrash", c.onCrash(), LifecycleAction.RESTART);
    if (!c.disks().isEmpty()) {
      b.append("  disks:\n");
      for (DiskSpec d : c.disks()) {
        b.append("    - {source: ")
            .append(q(d.uname()))
            .append(", target: ")
            .append(q(d.dev()))
            .append(", mode: ")
            .append(q(d.mode()))
            .append(d.backendDomain() == 0 ? "" : ", backend: " + d.backendDomain())
            .append("}\n");
      }
    }
    if (!c.vifs().isEmpty()) {
      b.append("  vifs:\n");
      for (VifSpec v : c.vifs()) {
        StringBuilder item = new StringBuilder();
        for (Map.Entry<String, String> e : v.options().entrySet()) {
          item.append(item.length() == 0 ? "" : ", ")
              .append(e.getKey())
              .append(": ")
              .append(e.getKey().equals("backend") ? e.getValue() : q(e.getValue()));
        }
        b.append("    - {").append(item).append("}\n");
      }
    }
    if (!c.vtpms().isEmpty()) {
      b.append("  vtpms:\n");
      for (VtpmSpec t : c.vtpms()) {
        b.append("    - {instance: ")
            .append(t.instance())
            .append(t.backendDomain() == 0 ? "" : ", backend: " + t.backendDomain())
            .append("}\n");
      }
    }
    if (c.securityLabel() != null) {
      b.append("  security: {policy: ")
          .append(q(c.securityLabel().policy()))
          .append(", label: ")
          .append(q(c.securityLabel().label()))
          .append("}\n");
    }
    java.util.Map<String, String> extras = new java.util.LinkedHashMap<>(c.extras());
    String weight = extras.get("cpu_weight");
    String cap = extras.get("cpu_cap");
    boolean w = within(weight, xm.hypervisor.Sched.MIN_WEIGHT, xm.hypervisor.Sched.MAX_WEIGHT);
    boolean cp = within(cap, 0, xm.hypervisor.Sched.MAX_CAP);
    if (w || cp) { // the config's cpu_weight/cpu_cap, as the spec names them (other values stay
      // extras, as written)
      java.util.List<String> parts = new java.util.ArrayList<>();
      if (w) {
        parts.add("weight: " + extras.remove("cpu_weight"));
      }
      if (cp) {
        parts.add("cap: " + extras.remove("cpu_cap"));
      }
      b.append("  sched: {").append(String.join(", ", parts)).append("}\n");
    }
    for (String key : new String[] {"pci", "vscsi"}) { // the config's lists, as the spec names them
      java.util.List<String> items = xm.config.py.ConfigScript.stringList(extras.get(key));
      if (items != null) {
        extras.remove(key);
        b.append("  ").append(key).append(": [");
        for (int i = 0; i < items.size(); i++) {
          b.append(i == 0 ? "" : ", ").append(q(items.get(i)));
        }
        b.append("]\n");
      }
    }
    if (!extras.isEmpty()) {
      b.append("  extras:\n");
      extras.forEach(
          (k, v) -> b.append("    ").append(key(k)).append(": ").append(q(v)).append('\n'));
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String key, String value) {
    if (value != null) {
      b.append("  ").append(key).append(": ").append(q(value)).append('\n');
    }
  }

  private static void action(StringBuilder b, String key, LifecycleAction a, LifecycleAction dflt) {
    if (a != dflt) {
      b.append("  ").append(key).append(": ").append(a.text()).append('\n');
    }
  }

  /** A mapping key: plain when it is a name, quoted otherwise. */
  private static String key(String k) {
    return k.matches("[A-Za-z_][A-Za-z0-9_]*") ? k : q(k);
  }

  /** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
