package xm.cli.declare;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import xm.cli.UsageException;
import xm.files.WritablePaths;

/**
 * The files a diff writes (reports, a saved plan) are checked before anything is planned: each is
 * named once, none lies inside {@code XM_HOME} (where the hosts keep their state), and none is
 * something other than a regular file.
 */
final class OutputFiles {
  private OutputFiles() {}

  /**
   * @param files each file as the user named it, by what it is for ("-o junit", "--save-plan")
   */
  static void check(Map<Path, String> files, Path xmHome) {
    Map<Path, String> seen = new HashMap<>();
    for (Map.Entry<Path, String> e : files.entrySet()) {
      Path real = WritablePaths.resolved(e.getKey());
      String other = seen.putIfAbsent(real, e.getValue());
      if (other != null) {
        throw new UsageException(
            other
                + " and "
                + e.getValue()
                + " both write "
                + e.getKey()
                + "; give each its own file");
      }
      String problem = WritablePaths.problem(e.getKey(), xmHome);
      if (problem != null) {
        throw new UsageException(e.getValue() + " would write " + e.getKey() + ", " + problem);
      }
    }
  }
}
