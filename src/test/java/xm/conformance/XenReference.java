package xm.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Xen's own reference files (example configs, golden outputs), read in place from the directory
 * {@code $XM_REFERENCE} names; CI points it at {@code ../shared/xen-reference} (see its SOURCES.md
 * for where each file comes from). Only the conformance suite reads them: the rest of the tests use
 * fixtures of this project's own.
 */
public final class XenReference {
  /** The environment variable that turns the conformance suite on. */
  public static final String VARIABLE = "XM_REFERENCE";

  private XenReference() {}

  /** Whether the conformance suite was asked for: {@code $XM_REFERENCE} is set (and not empty). */
  public static boolean requested() {
    String env = System.getenv(VARIABLE);
    return env != null && !env.isEmpty();
  }

  /** The reference directory; fails with what to do when it was not asked for or is not there. */
  public static Path root() {
    String env = System.getenv(VARIABLE);
    if (env == null || env.isEmpty()) {
      throw new IllegalStateException(
          VARIABLE
              + " is not set: set it to the directory of Xen's reference files"
              + " (e.g. "
              + VARIABLE
              + "=../shared/xen-reference) to run the conformance suite");
    }
    Path p = Path.of(env);
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException(
          VARIABLE
              + "="
              + env
              + " is not a directory ("
              + p.toAbsolutePath()
              + "): point it at Xen's reference files (e.g. ../shared/xen-reference), or unset it to skip the conformance suite");
    }
    return p;
  }

  /** Xen's example domain configs ({@code tools/examples}). */
  public static Path examples() {
    return root().resolve("examples");
  }

  /**
   * Fails a conformance class before its first test when {@code $XM_REFERENCE} names no directory.
   */
  static final class Required implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      root();
    }
  }
}
