package xm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Xm;

/**
 * sched-credit and sched-sedf print exactly what Xen 3.4's xm printed
 * (generated/xm-output-samples.txt).
 */
@XenConformance
class SchedulerConformance {
  @TempDir Path dir;

  private static String sample(String marker) throws IOException {
    String all = Files.readString(XenReference.root().resolve("generated/xm-output-samples.txt"));
    int start = all.indexOf('\n', all.indexOf(marker + "\n")) + 1;
    int end = all.indexOf("===", start);
    return end < 0 ? all.substring(start) : all.substring(start, end);
  }

  @Test
  void sched_credit_prints_domain0_as_xen_did() throws IOException {
    Xm xm = new Xm(dir.resolve("home"), dir);
    xm.run("host", "init");
    assertEquals(sample("=== xm sched-credit"), xm.run("sched-credit").out());
  }

  @Test
  void sched_sedf_prints_domain0_as_xen_did() throws IOException {
    Xm xm = new Xm(dir.resolve("home"), dir);
    xm.run("host", "init", "--scheduler", "sedf");
    assertEquals(sample("=== xm sched-sedf"), xm.run("sched-sedf").out());
  }
}
