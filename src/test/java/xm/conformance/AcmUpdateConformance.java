package xm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Xm;

/**
 * Xen's xm-test security policies on the embedded host: the Chinese Wall of xm-test's conflict set,
 * and its update policy (xm-test-update, FromPolicy xm-test 1.0) renaming green to GREEN and
 * dropping blue, so that a running blue domain refuses the update and a green one is relabeled by
 * it.
 */
@XenConformance
class AcmUpdateConformance {
  @TempDir Path dir;
  Xm xm;

  @BeforeEach
  void setUp() throws IOException {
    Path root = dir.resolve("home/policies");
    Files.createDirectories(root);
    for (String p : new String[] {"xm-test", "xm-test-update"}) {
      Files.copy(
          XenReference.root().resolve("xm-test/security-acm/" + p + "-security_policy.xml"),
          root.resolve(p + "-security_policy.xml"));
    }
    xm = new Xm(dir.resolve("home"), dir);
    assertEquals(0, xm.run("loadpolicy", "xm-test").code());
  }

  private Xm.Run create(String name, String label) throws IOException {
    Path cfg = dir.resolve(name + ".cfg");
    Files.writeString(
        cfg,
        "kernel = '/boot/k'\nmemory = 16\nname = '"
            + name
            + "'\n"
            + "access_control = ['policy=xm-test,label="
            + label
            + "']\n");
    return xm.run("create", cfg.toString());
  }

  @Test
  void theUpdateRelabelsGreenAndIsRefusedWhileBlueRuns() throws IOException {
    assertEquals(0, create("g", "green").code());
    assertEquals(0, create("b", "blue").code());
    Xm.Run refused = xm.run("loadpolicy", "xm-test-update");
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(
        refused.error().contains("running domain b would lose its label 'blue'"),
        refused.toString());
    assertEquals(0, xm.run("destroy", "b").code());
    Xm.Run r = xm.run("loadpolicy", "xm-test-update");
    assertEquals(0, r.code(), r.toString());
    Xm.Run list = xm.run("list", "--label", "g");
    assertTrue(list.out().contains("ACM:xm-test-update:GREEN"), list.out());
  }

  @Test
  void theUpdateIsRefusedOverAnyOtherPolicy() throws IOException {
    Path other = dir.resolve("home/policies/other-security_policy.xml");
    Files.writeString(
        other,
        Files.readString(dir.resolve("home/policies/xm-test-security_policy.xml"))
            .replace("<PolicyName>xm-test</PolicyName>", "<PolicyName>other</PolicyName>"));
    assertEquals(0, xm.run("loadpolicy", "other").code());
    Xm.Run r = xm.run("loadpolicy", "xm-test-update");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.error().contains("it updates policy xm-test 1.0, but the active policy is other 1.0"),
        r.toString());
  }
}
