package xm.plan;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Memory as a plan moves it: where each domain's memory is held (by host and name: a name found on
 * two hosts is two copies, each holding its own memory), and, while one change is being counted,
 * how far each host's use rises above where it started (its peak) and where it ends (its net).
 * Operations report their effect through {@link Op#account}.
 */
public final class Ledger {
  /** Where a domain's memory is held. */
  record Placement(String host, long memoryMiB) {}

  private final Map<String, Placement> where = new HashMap<>();

  private static String key(String host, String domain) {
    return host + "/" + domain;
  }

  private Map<String, Long> running = new LinkedHashMap<>();
  private Map<String, Long> peak = new LinkedHashMap<>();

  /** What one change does to each host: its highest rise on the way, and where it ends. */
  record Effect(Map<String, Long> peak, Map<String, Long> net) {}

  void observe(String domain, String host, long mib) {
    where.put(key(host, domain), new Placement(host, mib));
  }

  /** Starts counting one change. */
  void begin() {
    running = new LinkedHashMap<>();
    peak = new LinkedHashMap<>();
  }

  /** Ends counting one change. */
  Effect end() {
    return new Effect(peak, running);
  }

  void place(String domain, String host, long mib) {
    where.put(key(host, domain), new Placement(host, mib));
    delta(host, mib);
  }

  void resize(String host, String domain, long mib) {
    Placement p = where.get(key(host, domain));
    if (p != null) {
      delta(p.host(), mib - p.memoryMiB());
      where.put(key(host, domain), new Placement(p.host(), mib));
    }
  }

  void remove(String host, String domain) {
    Placement p = where.remove(key(host, domain));
    if (p != null) {
      delta(p.host(), -p.memoryMiB());
    }
  }

  void move(String host, String domain, String target) {
    Placement p = where.get(key(host, domain));
    if (p != null && !p.host().equals(target)) {
      delta(target, p.memoryMiB());
      delta(p.host(), -p.memoryMiB());
      where.remove(key(host, domain));
      where.put(key(target, domain), new Placement(target, p.memoryMiB()));
    }
  }

  private void delta(String host, long mib) {
    long now = running.merge(host, mib, Long::sum);
    peak.merge(host, Math.max(0, now), Math::max);
  }
}
