package xm.hypervisor.sim;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last decoded state of each host this process touched, keyed by the exact bytes of the state
 * file it came from. Used only under the host's lock; a transaction that fails drops its entry
 * (its in-memory state may be half-changed).
 */
final class StateCache {
  private record Entry(Pieces bytes, SimState state) {}

  private static final ConcurrentHashMap<Path, Entry> CACHE = new ConcurrentHashMap<>();

  private StateCache() {}

  /** The cached state of {@code dir} if {@code stillHolds} says the file still has its bytes, else null. */
  static SimState getIf(Path dir, java.util.function.Predicate<Pieces> stillHolds) {
    Entry e = CACHE.get(dir);
    return e != null && stillHolds.test(e.bytes()) ? e.state() : null;
  }

  static void put(Path dir, Pieces bytes, SimState state) {
    if (bytes != null) {
      CACHE.put(dir, new Entry(bytes, state));
    }
  }

  static void forget(Path dir) {
    CACHE.remove(dir);
  }
}
