package xm.hypervisor.sim;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last decoded state of each host this process touched, keyed by the exact text of the state
 * file it came from. Used only under the host's lock; a transaction that fails drops its entry
 * (its in-memory state may be half-changed).
 */
final class StateCache {
  private record Entry(String text, SimState state) {}

  private static final ConcurrentHashMap<Path, Entry> CACHE = new ConcurrentHashMap<>();

  private StateCache() {}

  static SimState get(Path dir, String text) {
    Entry e = CACHE.get(dir);
    return e != null && text != null && e.text().equals(text) ? e.state() : null;
  }

  static void put(Path dir, String text, SimState state) {
    if (text != null) {
      CACHE.put(dir, new Entry(text, state));
    }
  }

  static void forget(Path dir) {
    CACHE.remove(dir);
  }
}
