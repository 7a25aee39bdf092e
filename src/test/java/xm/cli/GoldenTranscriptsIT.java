package xm.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import xm.Reference;

/**
 * Every golden transcript under {@code src/test/resources/golden}, run through the real CLI entry
 * point against a fresh simulated host. Set {@code -Dgolden.update=true} to rewrite them after a
 * deliberate change of output (then review the diff).
 */
class GoldenTranscriptsIT {
  static final Path DIR = Path.of("src/test/resources/golden");

  private static GoldenTranscripts golden;

  @BeforeAll
  static void makeRunDirectory() throws IOException {
    golden = GoldenTranscripts.open(Reference.examples());
  }

  @AfterAll
  static void removeRunDirectory() throws IOException {
    golden.close();
  }

  @TestFactory
  Stream<DynamicTest> transcripts() throws IOException {
    return golden.tests(DIR);
  }
}
