package xm.cli;

import xm.Reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every golden transcript under {@code src/test/resources/golden}, run through the real CLI entry
 * point against a fresh simulated host. Set {@code -Dgolden.update=true} to rewrite them after a
 * deliberate change of output (then review the diff).
 */
class GoldenTranscriptsIT {
  static final Path DIR = Path.of("src/test/resources/golden");

  @TempDir
  Path tmp;

  @TestFactory
  Stream<DynamicTest> transcripts() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private void check(Path file) throws IOException {
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    // A fixed path, so that output folded at 80 columns does not depend on where the tests run.
    Path work = Path.of("/tmp/xm-golden", file.getFileName().toString().replace(".txt", ""));
    deleteRecursively(work);
    Files.createDirectories(work);
    Path etc = Files.createDirectories(work.resolve("etc-xen"));
    try (Stream<Path> s = Files.list(Reference.examples())) {
      for (Path p : s.toList()) {
        Files.copy(p, etc.resolve(p.getFileName()));
      }
    }
    String actual = Transcript.run(expected.replace("/WORK", work.toString()), work).replace(work.toString(), "/WORK");
    if (Boolean.getBoolean("golden.update") && !actual.equals(expected)) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(expected, actual, "transcript " + file + " (rerun with -Dgolden.update=true to accept)");
  }
}
