package xm.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one check on a path a user names for xm to write (a save file, a report, a saved plan): it
 * must be a new path or a regular file, and it must not lie inside {@code XM_HOME}, where the hosts
 * keep their state, however it gets there (a symbolic link in its existing part is followed first).
 * Writing over a host's {@code state.sxp} or a device node is refused, not done.
 */
public final class WritablePaths {
  private WritablePaths() {}

  /**
   * Why xm must not write {@code file}, as the end of a sentence ({@code "... would write F, " +
   * problem}), or null when it may.
   */
  public static String problem(Path file, Path xmHome) {
    Path p = file.toAbsolutePath().normalize();
    Path home = xmHome.toAbsolutePath().normalize();
    if (resolved(p).startsWith(resolved(home))) {
      return "inside XM_HOME ("
          + home
          + ") where the hosts keep their state; write it somewhere else";
    }
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return "which is not a regular file";
    }
    return null;
  }

  /** The path with its existing part resolved through links, so a link into XM_HOME is caught. */
  public static Path resolved(Path p) {
    Path existing = p.toAbsolutePath().normalize();
    List<Path> rest = new ArrayList<>();
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
    } catch (IOException e) {
      return p;
    }
  }
}
