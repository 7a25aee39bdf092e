package xm.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xm.hypervisor.DomainInfo;

/**
 * Tries every order a plan may run in and says whether memory always fits: the steps of the
 * schedule one after another; inside a step, every interleaving of its changes' operations. Its own
 * model of what operations do, independent of {@link Ledger}. Exponential: small plans only.
 */
final class Oracle {
  private Oracle() {}

  static boolean fits(List<Change> changes, Map<String, Observed> hosts) {
    Map<String, Long> total = new HashMap<>();
    Map<String, Long> used = new HashMap<>();
    Map<String, String> where = new HashMap<>();
    Map<String, Long> mem = new HashMap<>();
    for (Observed o : hosts.values()) {
      total.put(o.host(), o.totalMemoryMiB());
      used.put(o.host(), o.totalMemoryMiB() - o.freeMemoryMiB());
      for (DomainInfo d : o.domains()) {
        where.put(d.name(), o.host());
        mem.put(d.name(), d.memoryMiB());
      }
    }
    for (List<Change> step : Schedule.groups(changes)) {
      if (!interleavings(step, new int[step.size()], new State(total, used, where, mem))) {
        return false;
      }
      for (Change c : step) {
        for (Op op : c.ops()) {
          apply(op, used, where, mem, total, null);
        }
      }
    }
    return true;
  }

  record State(
      Map<String, Long> total,
      Map<String, Long> used,
      Map<String, String> where,
      Map<String, Long> mem) {
    State copy() {
      return new State(total, new HashMap<>(used), new HashMap<>(where), new HashMap<>(mem));
    }
  }

  /** Whether every way to run what is left of the step fits. */
  private static boolean interleavings(List<Change> step, int[] next, State s) {
    for (int i = 0; i < step.size(); i++) {
      if (next[i] < step.get(i).ops().size()) {
        State t = s.copy();
        if (!apply(
            step.get(i).ops().get(next[i]),
            t.used(),
            t.where(),
            t.mem(),
            t.total(),
            new boolean[] {true})) {
          return false;
        }
        next[i]++;
        boolean ok = interleavings(step, next, t);
        next[i]--;
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }

  /** Runs one operation on the model; with {@code check}, whether every moment fits. */
  private static boolean apply(
      Op op,
      Map<String, Long> used,
      Map<String, String> where,
      Map<String, Long> mem,
      Map<String, Long> total,
      boolean[] check) {
    List<String[]> moments = new ArrayList<>();
    String d = op.domain();
    if (op instanceof Op.Create c) {
      add(used, c.host(), c.config().memoryMiB());
      where.put(d, c.host());
      mem.put(d, c.config().memoryMiB());
      moments.add(new String[] {c.host()});
    } else if (op instanceof Op.Stop && where.containsKey(d)) {
      add(used, where.remove(d), -mem.remove(d));
    } else if (op instanceof Op.MemSet m && where.containsKey(d)) {
      boolean grows = m.mib() > mem.get(d);
      add(used, where.get(d), m.mib() - mem.get(d));
      mem.put(d, m.mib());
      if (grows) {
        moments.add(new String[] {where.get(d)});
      }
    } else if (op instanceof Op.Migrate m
        && where.containsKey(d)
        && !where.get(d).equals(m.target())) {
      add(used, m.target(), mem.get(d));
      if (check != null && over(used, total, m.target())) {
        return false;
      }
      add(used, where.get(d), -mem.get(d));
      where.put(d, m.target());
    }
    if (check != null) {
      for (String[] h : moments) {
        if (over(used, total, h[0])) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean over(Map<String, Long> used, Map<String, Long> total, String host) {
    Long t = total.get(host);
    return t != null && used.getOrDefault(host, 0L) > t;
  }

  private static void add(Map<String, Long> used, String host, long mib) {
    used.merge(host, mib, Long::sum);
  }
}
