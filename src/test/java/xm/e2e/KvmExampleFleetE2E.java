package xm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when" on a real libvirtd with QEMU, through bin/xm: the example fleet in specs/
 * applied with {@code -c qemu:///system} starts its domains as real QEMU guests (two stay on the
 * simulated xen-b), a VCPU change made with virsh behind xm's back is drift with its cause, and
 * apply heals it. The machine gets the example's Xen devices from ci/example-kvm-host.sh (root
 * only). Not run, and reported so, without root, virsh or a libvirtd answering, or when another run
 * holds the example's names on this libvirtd.
 */
class KvmExampleFleetE2E {
  static final Path ROOT = Path.of("").toAbsolutePath();
  static final String URI = "qemu:///system";
  static final List<String> ON_QEMU = List.of("storage1", "db1", "web1", "web2");

  @TempDir Path tmp;

  record Run(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  Run run(List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
    pb.environment().remove("XM_HOST");
    pb.environment().remove("XM_CONNECT");
    pb.environment().put("XM_HOME", tmp.resolve("home").toString());
    Path out = Files.createTempFile(tmp, "out", "");
    Path err = Files.createTempFile(tmp, "err", "");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + cmd);
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  Run xm(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/xm").toString(), "-c", URI));
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  Run virsh(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("virsh", "-q", "-c", URI));
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  @Test
  void the_example_fleet_runs_as_qemu_guests_and_virsh_drift_is_healed() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "not root: ci/example-kvm-host.sh cannot run");
    Run version;
    try {
      version = virsh("version");
    } catch (IOException noVirsh) {
      Assumptions.abort("no virsh on this machine: the qemu:///system example is not run");
      return;
    }
    Assumptions.assumeTrue(
        version.code() == 0, "no libvirtd answers on qemu:///system: " + version.all().strip());
    String listed = virsh("list", "--all", "--name").out();
    for (String name : ON_QEMU) {
      Assumptions.assumeFalse(
          listed.lines().anyMatch(name::equals),
          "qemu:///system already has a domain named "
              + name
              + " (another run?): the example is not run");
    }
    Run prep = run(List.of("bash", ROOT.resolve("ci/example-kvm-host.sh").toString()));
    assertEquals(0, prep.code(), prep.all());
    try {
      Run apply = xm("apply", "-f", "specs/");
      assertEquals(0, apply.code(), apply.all());
      assertTrue(
          apply.out().contains("Apply complete: 10 succeeded, 0 failed, 0 skipped."), apply.out());
      String running = virsh("list", "--name").out();
      for (String name : ON_QEMU) {
        assertTrue(
            running.lines().anyMatch(name::equals),
            name + " is not a running QEMU guest:\n" + running);
      }
      assertTrue(
          xm("apply", "-f", "specs/").out().contains("No changes."),
          "a second apply changed something");

      // behind xm's back: web1 restarted by virsh with one VCPU (a guest with nothing running
      // inside cannot give a VCPU back live: ACPI eject needs its OS)
      assertEquals(0, virsh("setvcpus", "web1", "1", "--config").code());
      assertEquals(0, virsh("destroy", "web1").code());
      assertEquals(0, virsh("start", "web1").code());
      Run diff = xm("diff", "-f", "specs/");
      assertEquals(2, diff.code(), diff.all());
      assertTrue(diff.out().contains("vcpus: 1 -> 2  (vcpu-set, live)"), diff.out());
      assertTrue(diff.out().contains("changed by something outside xm"), diff.out());
      assertTrue(diff.out().contains("Drift: 1 of 6 domains differs from its spec."), diff.out());

      Run heal = xm("apply", "-f", "specs/");
      assertEquals(0, heal.code(), heal.all());
      assertEquals("2", virsh("vcpucount", "web1", "--live", "--current").out().strip());
      assertEquals(
          "2", virsh("vcpucount", "web1", "--config", "--current").out().strip()); // and its config
      Run clean = xm("diff", "-f", "specs/");
      assertEquals(0, clean.code(), clean.all());
    } finally {
      for (String name : ON_QEMU) {
        xm("destroy", name); // a domain xm manages is undefined with it
      }
    }
  }
}
