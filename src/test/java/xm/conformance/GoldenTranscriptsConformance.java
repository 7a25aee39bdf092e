package xm.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import xm.cli.GoldenTranscripts;

/**
 * The golden transcripts under {@code src/test/resources/conformance/golden}, which create Xen's
 * own example domain configs (from {@code $XM_REFERENCE/examples}, in XM_CONFIG_PATH). Same format
 * and {@code -Dgolden.update=true} as GoldenTranscriptsIT.
 */
@XenConformance
class GoldenTranscriptsConformance {
  static final Path DIR = Path.of("src/test/resources/conformance/golden");

  private static GoldenTranscripts golden;

  @BeforeAll
  static void makeRunDirectory() throws IOException {
    golden = GoldenTranscripts.open(XenReference.examples());
  }

  @AfterAll
  static void removeRunDirectory() throws IOException {
    if (golden != null) {
      golden.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> transcripts() throws IOException {
    return golden.tests(DIR);
  }
}
