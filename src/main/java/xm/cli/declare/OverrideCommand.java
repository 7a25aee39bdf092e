package xm.cli.declare;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xm.cli.Text;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.hypervisor.DomainInfo;
import xm.plan.Hold;

/**
 * {@code xm override list [DOMAIN]} shows the fields operators hold against {@code xm apply};
 * {@code xm override release DOMAIN [FIELD ...]} ends holds early.
 */
public final class OverrideCommand extends XmCommand {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  @Override
  public Integer call() {
    if (args.isEmpty()) {
      throw new UsageException("'xm override' needs list or release");
    }
    switch (args.get(0)) {
      case "list" -> list(args.subList(1, args.size()));
      case "release" -> release(args.subList(1, args.size()));
      default -> throw new UsageException("unknown 'xm override' action '" + args.get(0) + "' (use list or release)");
    }
    return 0;
  }

  private void list(List<String> rest) {
    if (rest.size() > 1) {
      throw new UsageException("'xm override list' takes at most one domain");
    }
    long now = host().now().toEpochMilli();
    List<DomainInfo> doms = rest.isEmpty() ? host().domains() : List.of(host().domain(rest.get(0)));
    boolean header = false;
    for (DomainInfo d : doms.stream().sorted(java.util.Comparator.comparing(DomainInfo::name)).toList()) {
      for (Map.Entry<String, String> a : d.annotations().entrySet()) {
        if (!a.getKey().startsWith("xm/hold/")) {
          continue;
        }
        Hold h = Hold.parse(a.getKey().substring("xm/hold/".length()), a.getValue());
        if (h == null) {
          continue;
        }
        if (!header) {
          out().println(Text.left("Domain", 20) + " " + Text.left("Field", 8) + " " + Text.left("Until", 24) + " By");
          header = true;
        }
        out().println(Text.left(d.name(), 20) + " " + Text.left(h.field(), 8) + " "
            + Text.left(TIME.format(Instant.ofEpochMilli(h.untilMs())) + (h.untilMs() <= now ? " (expired)" : ""), 24)
            + " " + h.origin());
      }
    }
    if (!header) {
      out().println("No holds.");
    }
  }

  private void release(List<String> rest) {
    if (rest.isEmpty()) {
      throw new UsageException("'xm override release' needs a domain (and optionally fields)");
    }
    DomainInfo d = host().domain(rest.get(0));
    Map<String, String> removals = new HashMap<>();
    for (String key : d.annotations().keySet()) {
      if (key.startsWith("xm/hold/") && (rest.size() == 1 || rest.subList(1, rest.size()).contains(key.substring(8)))) {
        removals.put(key, null);
      }
    }
    if (removals.isEmpty()) {
      throw xm.diag.XmException.error("domain " + d.name() + " has no " + (rest.size() == 1 ? "holds" : "such hold"));
    }
    host().annotate(d.name(), null, removals, origin);
    out().println("Released " + removals.size() + " hold(s) on " + d.name() + "; the next xm apply converges them.");
  }
}
