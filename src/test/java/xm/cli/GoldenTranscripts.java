package xm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs the golden transcripts of one folder (see {@link Transcript}), each in a working directory
 * of its own under a directory made for this run and removed by {@link #close()}, with the
 * xmdomain.cfg files of {@code configs} copied to {@code etc-xen} (the transcripts'
 * XM_CONFIG_PATH). Set {@code -Dgolden.update=true} to rewrite the transcripts after a deliberate
 * change of output (then review the diff).
 *
 * <p>The run's directory is {@code /tmp/xm-golden-} and eight random characters: unique, so that
 * two builds on one machine never share it, and always of the same length, because outputs fold at
 * 80 columns and some of them contain the working path (written {@code /WORK} in the transcripts).
 */
public final class GoldenTranscripts implements AutoCloseable {
  static final String PREFIX = "/tmp/xm-golden-";
  static final int SUFFIX_LENGTH = 8;
  private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

  private final Path base;
  private final Path configs;

  private GoldenTranscripts(Path base, Path configs) {
    this.base = base;
    this.configs = configs;
  }

  /**
   * Makes this run's directory; {@code configs} is the folder whose files each transcript finds in
   * etc-xen.
   */
  public static GoldenTranscripts open(Path configs) throws IOException {
    SecureRandom random = new SecureRandom();
    for (int attempt = 0; attempt < 100; attempt++) {
      StringBuilder name = new StringBuilder(PREFIX);
      for (int i = 0; i < SUFFIX_LENGTH; i++) {
        name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      try {
        Path base =
            Files.createDirectory(
                Path.of(name.toString()),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new GoldenTranscripts(base, configs);
      } catch (FileAlreadyExistsException e) {
        // another run holds this name: draw again
      }
    }
    throw new IOException(
        "could not make a directory " + PREFIX + "XXXXXXXX for the golden transcripts");
  }

  /** One test per {@code *.txt} transcript in {@code dir}, in name order. */
  public Stream<DynamicTest> tests(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private void check(Path file) throws IOException {
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    Path work =
        Files.createDirectory(base.resolve(file.getFileName().toString().replace(".txt", "")));
    Path etc = Files.createDirectories(work.resolve("etc-xen"));
    try (Stream<Path> s = Files.list(configs)) {
      for (Path p : s.toList()) {
        Files.copy(p, etc.resolve(p.getFileName()));
      }
    }
    String actual =
        Transcript.run(expected.replace("/WORK", work.toString()), work)
            .replace(work.toString(), "/WORK");
    if (Boolean.getBoolean("golden.update") && !actual.equals(expected)) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        expected, actual, "transcript " + file + " (rerun with -Dgolden.update=true to accept)");
  }

  /** Removes this run's directory and everything the transcripts left in it. */
  @Override
  public void close() throws IOException {
    if (!Files.exists(base)) {
      return;
    }
    try (Stream<Path> s = Files.walk(base)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
