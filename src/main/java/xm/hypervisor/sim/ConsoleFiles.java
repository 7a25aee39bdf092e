package xm.hypervisor.sim;

import xm.diag.XmException;
import xm.hypervisor.Uuids;

/**
 * Where a domain's console log lives in its host's directory: {@code consoles/<uuid>.log}. The uuid
 * is checked once more here, where it becomes a path, so that no value that slipped past the
 * readers could name a file elsewhere.
 */
final class ConsoleFiles {
  private ConsoleFiles() {}

  /** The console log of the domain with {@code uuid}, relative to the host's directory. */
  static String of(String uuid) {
    if (!Uuids.isValid(uuid)) {
      throw XmException.error("refusing a console log for " + Uuids.problem(uuid));
    }
    return StateStore.CONSOLE_DIR + "/" + uuid + ".log";
  }
}
