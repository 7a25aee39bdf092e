package xm.spec;

/**
 * How much spec input one command reads: checked before anything is parsed, so a huge or endless
 * source is refused at once instead of after minutes of parsing or an OutOfMemoryError.
 *
 * <p>The defaults are far above real fleets (10,000 domains are about 3 MiB of YAML) and fixed, so
 * a spec set that loads on one machine loads on every other.
 *
 * @param maxFileBytes the largest one file (or standard input) may be
 * @param maxTotalBytes the most all files of one command may hold together
 * @param maxFiles the most spec files one command reads (directories are walked recursively)
 * @param maxDepth how deeply collections may nest in a document (a spec needs about 5 levels)
 */
public record SpecLimits(long maxFileBytes, long maxTotalBytes, int maxFiles, int maxDepth) {
  public static final long MIB = 1024 * 1024;

  public static final SpecLimits DEFAULT = new SpecLimits(16 * MIB, 64 * MIB, 100_000, 64);

  /** A byte count as people read it: 16 MiB, 1.5 MiB, 900 bytes. */
  public static String size(long bytes) {
    if (bytes < MIB) {
      return bytes + " bytes";
    }
    return bytes % MIB == 0
        ? bytes / MIB + " MiB"
        : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
  }
}
