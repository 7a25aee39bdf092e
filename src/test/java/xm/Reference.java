package xm;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Xen's own reference files (example configs, ACM policies, golden outputs), read in place from
 * {@code ../shared/xen-reference} beside the project (or {@code $XM_REFERENCE}), as CI provides.
 * See ../shared/xen-reference/SOURCES.md for where each comes from.
 */
public final class Reference {
  private Reference() {}

  public static Path root() {
    String env = System.getenv("XM_REFERENCE");
    Path p = env != null ? Path.of(env) : Path.of("../shared/xen-reference");
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("Xen reference files not found at " + p.toAbsolutePath()
          + ": check out ../shared beside the project, or set XM_REFERENCE");
    }
    return p;
  }

  public static Path examples() {
    return root().resolve("examples");
  }
}
