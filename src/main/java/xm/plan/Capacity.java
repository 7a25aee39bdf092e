package xm.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xm.diag.Diagnostic;
import xm.hypervisor.DomainInfo;

/**
 * Admission: a plan is admitted exactly when, at every step of its {@link Schedule}, every host has
 * the memory the step may need at its peak. The changes of one step run in parallel, so a step may
 * need, on each host, what the host holds before it plus the highest rise of each of its changes on
 * the way (a replace gives its old memory back before the new domain takes any; a migration holds
 * the domain on both hosts for a moment). What a step gives back is available to the steps after
 * it. Pure.
 */
final class Capacity {
  /** Shortfall lists name at most this many changes. */
  static final int LIST_LIMIT = 10;

  private Capacity() {}

  static void check(List<Change> changes, Map<String, Observed> hosts, List<Diagnostic> problems) {
    Map<String, Long> total = new HashMap<>();
    Map<String, Long> used = new HashMap<>();
    Ledger ledger = new Ledger();
    for (Observed o : hosts.values()) {
      total.put(o.host(), o.totalMemoryMiB());
      used.put(o.host(), o.totalMemoryMiB() - o.freeMemoryMiB());
      for (DomainInfo d : o.domains()) {
        if (!d.isDomain0()) {
          ledger.observe(
              d.name(), o.host(), d.isInactive() ? 0 : d.memoryMiB()); // a definition holds none
        }
      }
    }
    Map<String, Boolean> reported = new HashMap<>();
    for (List<Change> group : Schedule.groups(changes)) {
      Map<String, Long> peak = new LinkedHashMap<>();
      Map<String, Long> net = new HashMap<>();
      Map<String, List<String>> who = new HashMap<>();
      for (Change c : group) {
        ledger.begin();
        for (Op op : c.ops()) {
          op.account(ledger);
        }
        Ledger.Effect e = ledger.end();
        e.peak()
            .forEach(
                (h, p) -> {
                  if (p > 0) {
                    peak.merge(h, p, Long::sum);
                    who.computeIfAbsent(h, k -> new ArrayList<>())
                        .add(c.domain() + " (+" + p + " MiB, " + c.action().verb() + ")");
                  }
                });
        e.net().forEach((h, n) -> net.merge(h, n, Long::sum));
      }
      for (Map.Entry<String, Long> p : peak.entrySet()) {
        String h = p.getKey();
        Long t = total.get(h);
        long need = used.getOrDefault(h, 0L) + p.getValue();
        if (t != null && need > t && reported.putIfAbsent(h, true) == null) {
          problems.add(
              Diagnostic.error(
                  null,
                  "host '"
                      + h
                      + "' has "
                      + t
                      + " MiB but the plan needs up to "
                      + need
                      + " MiB there ("
                      + (need - t)
                      + " MiB short): "
                      + Lists.cut(who.get(h), LIST_LIMIT),
                  "lower memory in the specs, move domains to another host, or prune what is no longer needed"));
        }
      }
      net.forEach((h, n) -> used.merge(h, n, Long::sum));
    }
  }
}
