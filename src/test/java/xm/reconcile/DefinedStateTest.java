package xm.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Xm;

/**
 * {@code state: defined} in specs: the host keeps the domain (xm new) without running it; apply
 * moves between defined, running and stopped with the operations an operator would type, and a
 * suspended domain's checkpoint is never thrown away.
 */
class DefinedStateTest {
  @TempDir Path dir;

  Xm xm;

  @BeforeEach
  void host() {
    xm = new Xm(dir.resolve("home"), dir);
    assertEquals(0, xm.run("host", "init", "--clock", "manual").code());
  }

  private void spec(String state, int memory) {
    xm.file(
        "kept.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: kept}\n"
            + "spec: {kernel: /boot/vmlinuz, memory: "
            + memory
            + ", state: "
            + state
            + "}\n");
  }

  private Xm.Run ok(int code, String... argv) {
    Xm.Run r = xm.run(argv);
    assertEquals(code, r.code(), String.join(" ", argv) + ": " + r);
    return r;
  }

  /** The row of {@code kept} in xm list, or null. */
  private String row() {
    return xm.run("list").out().lines().filter(l -> l.startsWith("kept ")).findFirst().orElse(null);
  }

  private static boolean halted(String row) {
    return row != null && row.substring(40, 46).isBlank(); // no id
  }

  @Test
  void defined_is_made_by_xm_new_and_kept_without_running() {
    spec("defined", 128);
    Xm.Run apply = ok(0, "apply", "-f", "kept.yaml");
    assertTrue(
        apply
            .out()
            .contains("domain: (none) -> defined, 128 MiB, 1 VCPU(s), not running  (new, live)"),
        apply.out());
    assertTrue(halted(row()), row());
    assertTrue(ok(0, "apply", "-f", "kept.yaml").out().contains("No changes."));
    ok(0, "diff", "-f", "kept.yaml");
  }

  @Test
  void running_starts_the_definition_and_defined_shuts_it_down_keeping_it() {
    spec("defined", 128);
    ok(0, "apply", "-f", "kept.yaml");
    spec("running", 128);
    assertTrue(
        ok(2, "diff", "-f", "kept.yaml")
            .out()
            .contains("state: defined, halted -> running  (start, live)"));
    ok(0, "apply", "-f", "kept.yaml");
    assertTrue(row() != null && !halted(row()), row());
    spec("defined", 128);
    ok(0, "apply", "-f", "kept.yaml");
    assertTrue(halted(row()), "shut down and still defined: " + row());
    ok(0, "diff", "-f", "kept.yaml");
  }

  @Test
  void a_changed_definition_is_made_again_under_its_uuid_without_allow_restart() {
    spec("defined", 128);
    ok(0, "apply", "-f", "kept.yaml");
    String uuid =
        xm.run("list", "-o", "json", "kept")
            .out()
            .replaceAll("(?s).*\"uuid\": \"([^\"]+)\".*", "$1");
    spec("defined", 256);
    Xm.Run apply = ok(0, "apply", "-f", "kept.yaml");
    assertTrue(
        apply.out().contains("memory: 128 MiB -> 256 MiB  (delete + new, live)"), apply.out());
    assertTrue(row().contains(" 256 "), row());
    assertTrue(
        apply.out().contains("kept: done, defined anew"),
        "one step, never a moment without it: " + apply.out());
    assertTrue(xm.run("list", "-o", "json", "kept").out().contains(uuid), "the same uuid");
  }

  @Test
  void stopped_deletes_the_definition_and_prune_forgets_it() {
    spec("defined", 128);
    ok(0, "apply", "-f", "kept.yaml");
    spec("stopped", 128);
    ok(0, "apply", "-f", "kept.yaml");
    assertEquals(null, row());
    spec("defined", 128);
    ok(0, "apply", "-f", "kept.yaml");
    xm.file(
        "other.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: other}\n"
            + "spec: {kernel: /boot/vmlinuz, memory: 64}\n");
    Xm.Run prune = ok(0, "apply", "--prune", "-f", "other.yaml");
    assertTrue(prune.out().contains("(delete, live)"), prune.out());
    assertEquals(null, row());
  }

  @Test
  void a_running_definition_declared_stopped_or_pruned_is_shut_down_and_forgotten() {
    spec("defined", 128);
    ok(0, "apply", "-f", "kept.yaml");
    ok(0, "start", "kept");
    spec("stopped", 128);
    Xm.Run stop = ok(0, "apply", "-f", "kept.yaml");
    assertTrue(stop.out().contains("(shutdown, delete, live)"), stop.out());
    assertEquals(null, row());
    ok(0, "diff", "-f", "kept.yaml");
    spec("defined", 128);
    ok(0, "apply", "-f", "kept.yaml");
    ok(0, "start", "kept");
    xm.file(
        "other.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: other}\n"
            + "spec: {kernel: /boot/vmlinuz, memory: 64}\n");
    ok(0, "apply", "--prune", "-f", "other.yaml");
    assertEquals(null, row(), "pruned: shut down, and its definition deleted");
    ok(0, "diff", "--prune", "-f", "other.yaml");
  }

  @Test
  void a_suspended_domain_is_resumed_for_running_and_never_deleted() {
    spec("defined", 128);
    ok(0, "apply", "-f", "kept.yaml");
    ok(0, "start", "kept");
    ok(0, "suspend", "kept");
    ok(0, "diff", "-f", "kept.yaml"); // suspended is kept and not running: defined holds
    spec("stopped", 128);
    Xm.Run stop =
        ok(2, "apply", "-f", "kept.yaml"); // pending, as a change that waits for the operator
    assertTrue(
        stop.out().contains("suspended: its checkpoint holds the guest's memory"), stop.out());
    assertTrue(row() != null, "still there");
    xm.file(
        "other.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: other}\n"
            + "spec: {kernel: /boot/vmlinuz, memory: 64}\n");
    ok(0, "apply", "--prune", "-f", "other.yaml");
    assertTrue(row() != null, "prune leaves a suspended domain");
    spec("running", 128);
    Xm.Run resume = ok(0, "apply", "-f", "kept.yaml");
    assertTrue(resume.out().contains("(resume, live)"), resume.out());
    assertTrue(!halted(row()), row());
  }

  @Test
  void a_suspended_domain_whose_spec_changed_is_resumed_first_and_changed_by_the_next_apply() {
    xm.file(
        "kept.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: kept}\n"
            + "spec: {kernel: /boot/vmlinuz, memory: 64, maxmem: 256, state: defined}\n");
    ok(0, "apply", "-f", "kept.yaml");
    ok(0, "start", "kept");
    ok(0, "suspend", "kept");
    xm.file(
        "kept.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: kept}\n"
            + "spec: {kernel: /boot/vmlinuz, memory: 128, maxmem: 256, state: running}\n");
    Xm.Run first = ok(2, "apply", "-f", "kept.yaml");
    assertTrue(
        first.out().contains("(resume, live)")
            && first.out().contains("after the resume: apply again"),
        first.out());
    assertTrue(row().contains(" 64 ") && !halted(row()), "resumed as it was: " + row());
    ok(0, "apply", "-f", "kept.yaml");
    assertTrue(row().contains(" 128 "), "then changed live: " + row());
    ok(0, "diff", "-f", "kept.yaml");
  }

  @Test
  void list_o_yaml_exports_a_definition_as_state_defined_that_apply_takes_as_it_is() {
    ok(0, "new", "-q", "/dev/null", "name=kept", "kernel=/boot/vmlinuz", "memory=96");
    Xm.Run yaml = ok(0, "list", "-o", "yaml", "kept");
    assertTrue(yaml.out().contains("state: defined"), yaml.out());
    xm.file("exported.yaml", yaml.out());
    Xm.Run apply = ok(0, "apply", "--adopt", "-f", "exported.yaml");
    assertTrue(halted(row()), apply.out() + row());
    assertTrue(ok(0, "diff", "-f", "exported.yaml").out().contains("No drift"));
  }
}
