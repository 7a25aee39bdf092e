package xm.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every golden transcript under {@code src/test/resources/golden}, run through the real CLI entry
 * point against a fresh simulated host, with our own xmdomain.cfg fixtures ({@code
 * src/test/resources/configs}) in XM_CONFIG_PATH. Set {@code -Dgolden.update=true} to rewrite them
 * after a deliberate change of output (then review the diff). GoldenTranscriptsConformance runs the
 * transcripts that create Xen's own examples.
 */
class GoldenTranscriptsIT {
  static final Path DIR = Path.of("src/test/resources/golden");
  static final Path CONFIGS = Path.of("src/test/resources/configs");

  private static GoldenTranscripts golden;

  @BeforeAll
  static void makeRunDirectory() throws IOException {
    golden = GoldenTranscripts.open(CONFIGS);
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
