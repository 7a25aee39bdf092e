package xm.cli.declare;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xm.cli.UsageException;

/**
 * The files a diff writes (reports, a saved plan) are checked before anything is planned: each
 * is named once, none lies inside {@code XM_HOME} (where the hosts keep their state), and none
 * is something other than a regular file.
 */
final class OutputFiles {
  private OutputFiles() {}

  /** @param files each file as the user named it, by what it is for ("-o junit", "--save-plan") */
  static void check(Map<Path, String> files, Path xmHome) {
    Map<Path, String> seen = new HashMap<>();
    Path home = xmHome.toAbsolutePath().normalize();
    for (Map.Entry<Path, String> e : files.entrySet()) {
      Path p = e.getKey().toAbsolutePath().normalize();
      Path real = resolved(p);
      String other = seen.putIfAbsent(real, e.getValue());
      if (other != null) {
        throw new UsageException(other + " and " + e.getValue() + " both write " + e.getKey() + "; give each its own file");
      }
      if (real.startsWith(resolved(home))) {
        throw new UsageException(e.getValue() + " would write " + e.getKey() + ", inside XM_HOME (" + home
            + ") where the hosts keep their state; write it somewhere else");
      }
      if (Files.exists(p) && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new UsageException(e.getValue() + " would write " + e.getKey() + ", which is not a regular file");
      }
    }
  }

  /** The path with its existing part resolved through links, so a link into XM_HOME is caught. */
  private static Path resolved(Path p) {
    Path existing = p;
    List<Path> rest = new java.util.ArrayList<>();
    while (existing != null && !Files.exists(existing)) {
      rest.add(0, existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      return p;
    }
    try {
      Path out = existing.toRealPath();
      for (Path r : rest) {
        out = out.resolve(r);
      }
      return out;
    } catch (java.io.IOException e) {
      return p;
    }
  }
}
