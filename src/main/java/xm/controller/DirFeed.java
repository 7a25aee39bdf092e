package xm.controller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import xm.diag.XmException;

/**
 * A directory of spec files, watched by content: the revision is a digest of the names and bytes
 * of its {@code .yaml}/{@code .yml} files, so a save that changes nothing is not a new revision
 * and an edit is one, whatever the file times say. Reading the bytes is cheap next to parsing
 * them, which the controller does only when the revision moved.
 */
public final class DirFeed implements SpecFeed {
  private final Path dir;
  private final String shown;

  public DirFeed(Path dir, String shown) {
    this.dir = dir;
    this.shown = shown;
  }

  @Override
  public Snapshot poll() {
    MessageDigest md = sha256();
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> specs = files.filter(p -> {
        String n = p.getFileName().toString();
        return (n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(p);
      }).sorted().toList();
      for (Path p : specs) {
        md.update(dir.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(Files.readAllBytes(p));
        md.update((byte) 0);
      }
    } catch (NoSuchFileException e) {
      throw XmException.error("the spec directory " + shown + " does not exist");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw XmException.error("cannot read the spec directory " + shown + ": " + e.getMessage());
    }
    String rev = "dir:" + HexFormat.of().formatHex(md.digest()).substring(0, 12);
    return new Snapshot(rev, List.of(dir.toString()), dir.getParent() == null ? dir : dir.getParent());
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
