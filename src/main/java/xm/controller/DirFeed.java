package xm.controller;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import xm.diag.SafeText;
import xm.diag.XmException;
import xm.spec.SpecLimits;

/**
 * A directory of spec files (or one file), watched by content: the revision is a digest of the
 * names and bytes of its {@code .yaml}/{@code .yml} files, so a save that changes nothing is not a
 * new revision and an edit is one, whatever the file times say. Files past the loader's limits are
 * refused by their sizes, before any is read. A new digest becomes the revision only once two reads
 * a poll apart agree, so a directory caught while files are being copied in (a half-made state that
 * --prune would act on) is never applied; the first read is taken as it is.
 */
public final class DirFeed implements SpecFeed {
  private final Path dir;
  private final String shown;
  private final SpecLimits limits;
  private String accepted;
  private String candidate;

  /** The files' names, sizes and modification times when {@link #lastDigest} was read. */
  private List<String> lastStat;

  private String lastDigest;

  /** The newest modification time among those files, and when they were read (epoch ms). */
  private long lastNewestMs;

  private long lastReadMs;

  public DirFeed(Path dir, String shown) {
    this(dir, shown, SpecLimits.DEFAULT);
  }

  DirFeed(Path dir, String shown, SpecLimits limits) {
    this.dir = dir;
    this.shown = SafeText.oneLine(shown);
    this.limits = limits;
  }

  @Override
  public synchronized Snapshot poll() {
    String digest = digest();
    if (accepted == null || digest.equals(candidate)) {
      accepted = digest;
    }
    candidate = digest;
    return new Snapshot(
        accepted, List.of(dir.toString()), dir.getParent() == null ? dir : dir.getParent());
  }

  private String digest() {
    MessageDigest md = sha256();
    try {
      List<Path> specs;
      if (Files.isRegularFile(dir)) {
        specs = List.of(dir); // one file, whatever its name: the loader reads it
      } else {
        try (Stream<Path> files = Files.walk(dir, limits.maxDepth())) {
          specs =
              files
                  .filter(
                      p -> {
                        String n = p.getFileName().toString();
                        return (n.endsWith(".yaml") || n.endsWith(".yml"))
                            && Files.isRegularFile(p);
                      })
                  .sorted()
                  .limit(limits.maxFiles() + 1L)
                  .toList();
        }
      }
      if (specs.size() > limits.maxFiles()) {
        throw XmException.error(
            "the spec directory "
                + shown
                + " holds more than "
                + limits.maxFiles()
                + " spec files");
      }
      long total = 0;
      for (Path p : specs) {
        long size = Files.size(p);
        if (size > limits.maxFileBytes()) {
          throw XmException.error(
              SafeText.oneLine(p.toString())
                  + " is "
                  + SpecLimits.size(size)
                  + ", more than the "
                  + SpecLimits.size(limits.maxFileBytes())
                  + " a spec file may be");
        }
        total += size;
        if (total > limits.maxTotalBytes()) {
          throw XmException.error(
              "the spec files of "
                  + shown
                  + " come to more than "
                  + SpecLimits.size(limits.maxTotalBytes()));
        }
      }
      List<String> stat = new java.util.ArrayList<>(specs.size());
      long newest = 0;
      for (Path p : specs) {
        long mtime = Files.getLastModifiedTime(p).toMillis();
        newest = Math.max(newest, mtime);
        stat.add(p + "\0" + Files.size(p) + "\0" + mtime);
      }
      // no file written since they were last read (as git's index: a time within a second of that
      // read may hide a second write of the same size, so then the files are read again)
      if (stat.equals(lastStat) && lastNewestMs < lastReadMs - 1000) {
        return lastDigest;
      }
      long readMs = System.currentTimeMillis();
      byte[] buffer = new byte[8192];
      for (Path p : specs) {
        md.update(dir.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        try (InputStream in = Files.newInputStream(p)) {
          long left = limits.maxFileBytes() + 1;
          for (int n;
              left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0;
              left -= n) {
            md.update(buffer, 0, n);
          }
        }
        md.update((byte) 0);
      }
      lastStat = stat;
      lastNewestMs = newest;
      lastReadMs = readMs;
      lastDigest = "dir:" + HexFormat.of().formatHex(md.digest()).substring(0, 12);
      return lastDigest;
    } catch (NoSuchFileException e) {
      throw XmException.error("the spec directory " + shown + " does not exist");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw XmException.error(
          "cannot read the spec directory "
              + shown
              + ": "
              + SafeText.oneLine(String.valueOf(e.getMessage())));
    }
  }

  @Override
  public String describe() {
    return shown;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
