package xm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Access control section through the real launcher, bin/xm: the man page's
 * walk-through (makepolicy, loadpolicy, cfgbootpolicy, labels, addlabel dom and res, dry-run,
 * create, list --label, resources), a Chinese Wall denial, an STE denial at block-attach; then the
 * same declared in YAML: apply refused by policy admission with the host untouched, the labeled
 * fleet applied, a policy change declared in YAML and applied.
 */
class AccessControlE2E {
  static final Path ROOT = Path.of("").toAbsolutePath();

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  Run xm(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ROOT.resolve("bin/xm").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
    pb.environment().remove("XM_HOST");
    pb.environment().putAll(env);
    Path out = tmp.resolve("out");
    Path err = tmp.resolve("err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "timed out: " + cmd);
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  @Test
  void the_man_pages_walk_through_and_its_denials() throws Exception {
    copyTree(ROOT.resolve("policies"), tmp.resolve("policies"));
    Map<String, String> env =
        Map.of(
            "XM_HOME",
            tmp.resolve("home").toString(),
            "XM_POLICY_ROOT",
            tmp.resolve("policies").toString());
    assertEquals(0, xm(env, "makepolicy", "example.web").code());
    assertTrue(
        Files.exists(tmp.resolve("policies/example/web.map"))
            && Files.exists(tmp.resolve("policies/example/web.bin")));
    Run load = xm(env, "loadpolicy", "example.web");
    assertEquals("Successfully loaded policy 'example.web'.\n", load.out(), load.err());
    assertEquals(0, xm(env, "cfgbootpolicy", "example.web").code());
    assertEquals(
        "SystemManagement\nbatch\ncache\ndb\nstorage\nweb\n",
        xm(env, "labels", "example.web", "type=dom").out());

    Files.writeString(
        tmp.resolve("web1.cfg"),
        "kernel = '/boot/vmlinuz-2.6.18-xen'\nmemory = 256\nname = 'web1'\n"
            + "disk = ['phy:hda6,sda2,w']\n");
    assertEquals(0, xm(env, "addlabel", "web", "dom", "web1.cfg").code());
    assertEquals(
        "policytype=ACM,policy=example.web,label=web\n",
        xm(env, "getlabel", "dom", "web1.cfg").out());
    Run denied = xm(env, "dry-run", "web1.cfg");
    assertEquals(255, denied.code(), denied.out() + denied.err());
    assertTrue(
        denied.out().contains("   phy:hda6: DENIED\n")
            && denied.out().endsWith("Dry Run: FAILED\n"),
        denied.out());
    assertEquals(0, xm(env, "addlabel", "web_disk", "res", "phy:hda6").code());
    Run passed = xm(env, "dry-run", "web1.cfg");
    assertEquals(0, passed.code(), passed.out());
    assertTrue(passed.out().endsWith("   phy:hda6: PERMITTED\nDry Run: PASSED\n"), passed.out());
    assertEquals(0, xm(env, "create", "web1.cfg").code());
    String list = xm(env, "list", "--label").out();
    assertTrue(
        list.contains("ACM:example.web:SystemManagement")
            && list.matches("(?s).*web1 .*ACM:example.web:web\n.*"),
        list);
    assertTrue(
        xm(env, "resources")
            .out()
            .contains(
                "phy:/dev/hda6\n      type: ACM\n    policy: example.web\n     label: web_disk\n"));

    Files.writeString(
        tmp.resolve("batch1.cfg"),
        "kernel = '/boot/vmlinuz-2.6.18-xen'\nmemory = 64\nname = 'batch1'\n"
            + "access_control = ['policy=example.web,label=batch']\n");
    Run wall = xm(env, "create", "batch1.cfg");
    assertEquals(1, wall.code());
    assertTrue(
        wall.err()
            .contains(
                "Error: Domain in conflict set with running domain? (batch against web1 labeled web:"
                    + " conflict set FrontOrBulk"),
        wall.err());
    assertEquals(0, xm(env, "addlabel", "db_disk", "res", "phy:hda7").code());
    Run ste = xm(env, "block-attach", "web1", "phy:hda7", "sdb", "w");
    assertEquals(1, ste.code());
    assertTrue(
        ste.err()
            .contains(
                "Error: VM's access to block device 'phy:hda7' denied: resource label 'db_disk' [db]"
                    + " shares no STE type with the domain's label 'web' [web, web_db]"),
        ste.err());
    assertFalse(xm(env, "block-list", "web1").out().contains("2064"), "sdb was not attached");
  }

  @Test
  void the_same_in_yaml_admitted_applied_and_updated() throws Exception {
    copyTree(ROOT.resolve("specs"), tmp.resolve("specs"));
    Map<String, String> env = Map.of("XM_HOME", tmp.resolve("home").toString());
    Path batch = tmp.resolve("specs/batch.yaml");
    String fleet = Files.readString(batch);
    Files.writeString(batch, fleet.replace("  name: batch1\n  host: xen-b\n", "  name: batch1\n"));
    Run refused = xm(env, "apply", "-f", "specs");
    assertEquals(1, refused.code(), refused.out() + refused.err());
    assertTrue(
        refused
            .err()
            .contains(
                "Error: specs/web.yaml:2:1: policy admission: web1 on host 'localhost': Domain in"
                    + " conflict set with running domain?"),
        refused.err());
    assertEquals(1, xm(env, "dumppolicy").code(), "no policy was loaded");
    assertEquals("", xm(env, "resources").out(), "no resource was labeled");

    Files.writeString(batch, fleet);
    Run apply = xm(env, "apply", "-f", "specs");
    assertEquals(0, apply.code(), apply.out() + apply.err());
    assertTrue(
        apply.out().contains("Apply complete: 10 succeeded, 0 failed, 0 skipped."), apply.out());
    assertEquals(0, xm(env, "diff", "-f", "specs").code());

    Path security = tmp.resolve("specs/security.yaml");
    Files.writeString(
        security, Files.readString(security).replace("  version: \"1.0\"", "  version: \"1.1\""));
    Run drift = xm(env, "diff", "-f", "specs");
    assertEquals(2, drift.code(), drift.out());
    assertTrue(
        drift.out().contains("policy: example.web 1.0 -> example.web 1.1  (loadpolicy, live)"),
        drift.out());
    assertEquals(0, xm(env, "apply", "-f", "specs").code());
    assertTrue(xm(env, "dumppolicy").out().contains("POLICY REFERENCE = example.web."));
    assertEquals(0, xm(env, "diff", "-f", "specs").code());
  }
}
