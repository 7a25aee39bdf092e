package xm.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xm.hypervisor.DomainInfo;
import xm.spec.HostDoc;

/**
 * Admission: a plan whose end state, or any step on the way, needs more memory than a host has
 * is refused whole, naming the host, the shortfall and the domains. Counted conservatively:
 * memory freed by stops and prunes (which apply runs first) is available; every increase is
 * counted as if it happened before any other decrease.
 */
final class Capacity {
  private Capacity() {}

  /** Where a domain's memory is held, as the plan moves it. */
  record Placement(String host, long memoryMiB) {}

  static void check(List<Change> changes, Map<String, Observed> hosts, List<HostDoc> docs, List<String> problems) {
    Map<String, Long> total = new HashMap<>();
    Map<String, Long> used = new HashMap<>();
    for (Observed o : hosts.values()) {
      total.put(o.host(), o.totalMemoryMiB());
      used.put(o.host(), o.totalMemoryMiB() - o.freeMemoryMiB());
    }
    Map<String, Placement> where = new HashMap<>();
    for (Observed o : hosts.values()) {
      for (DomainInfo d : o.domains()) {
        if (!d.isDomain0()) {
          where.put(d.name(), new Placement(o.host(), d.memoryMiB()));
        }
      }
    }
    for (Change c : changes) {
      if (c.action() == Action.STOP || c.action() == Action.DESTROY) {
        Placement l = where.remove(c.domain());
        if (l != null) {
          used.merge(l.host(), -l.memoryMiB(), Long::sum);
        }
      }
    }
    Map<String, Map<String, String>> growth = new LinkedHashMap<>();
    for (Change c : changes) {
      if (c.action() == Action.STOP || c.action() == Action.DESTROY) {
        continue;
      }
      for (Op op : c.ops()) {
        if (op instanceof Op.Create cr) {
          grow(used, growth, op.host(), c.domain(), cr.config().memoryMiB(), "create");
          where.put(c.domain(), new Placement(op.host(), cr.config().memoryMiB()));
        } else if (op instanceof Op.Migrate m) {
          Placement l = where.get(c.domain());
          if (l != null) {
            grow(used, growth, m.target(), c.domain(), l.memoryMiB(), "migrate in");
            where.put(c.domain(), new Placement(m.target(), l.memoryMiB()));
          }
        } else if (op instanceof Op.MemSet ms) {
          Placement l = where.get(c.domain());
          if (l != null && ms.mib() > l.memoryMiB()) {
            grow(used, growth, op.host(), c.domain(), ms.mib() - l.memoryMiB(), "mem-set " + l.memoryMiB() + " -> " + ms.mib());
          }
          if (l != null) {
            where.put(c.domain(), new Placement(l.host(), ms.mib()));
          }
        } else if (op instanceof Op.CreateHost ch) {
          HostDoc doc = ch.doc();
          total.put(doc.name(), doc.memoryMiB() != null ? doc.memoryMiB() : 8192L);
          used.put(doc.name(), doc.dom0MemoryMiB() != null ? doc.dom0MemoryMiB() : 1024L);
        }
      }
    }
    for (Map.Entry<String, Long> u : used.entrySet()) {
      Long t = total.get(u.getKey());
      if (t != null && u.getValue() > t) {
        List<String> who = new ArrayList<>();
        growth.getOrDefault(u.getKey(), Map.of()).forEach((dom, why) -> who.add(dom + " (" + why + ")"));
        problems.add("host '" + u.getKey() + "' has " + t + " MiB but the plan needs up to " + u.getValue()
            + " MiB there (" + (u.getValue() - t) + " MiB short): " + String.join(", ", who)
            + "; lower memory in the specs, move domains to another host, or prune what is no longer needed");
      }
    }
  }

  private static void grow(Map<String, Long> used, Map<String, Map<String, String>> growth, String host, String dom,
      long mib, String why) {
    used.merge(host, mib, Long::sum);
    growth.computeIfAbsent(host, h -> new LinkedHashMap<>()).merge(dom, "+" + mib + " MiB, " + why, (a, b) -> a + "; " + b);
  }
}
