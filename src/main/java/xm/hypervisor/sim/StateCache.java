package xm.hypervisor.sim;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last decoded state of each host this process touched, with what the files held for it (see
 * SimState#committed, by which StateFiles#refresh tells whether it is still current). Used only
 * while the host's in-process lock is held; a transaction that fails drops its entry (its in-memory
 * state may be half-changed), as does a read that applied due transitions in memory.
 */
final class StateCache {
  private static final ConcurrentHashMap<Path, SimState> CACHE = new ConcurrentHashMap<>();

  private StateCache() {}

  static SimState get(Path dir) {
    return CACHE.get(dir);
  }

  static void put(Path dir, SimState state) {
    if (state != null && state.committed != null) {
      CACHE.put(dir, state);
    }
  }

  static void forget(Path dir) {
    CACHE.remove(dir);
  }
}
