package xm.cli.declare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.hypervisor.DomainConfig;
import xm.spec.SpecLoader;
import xm.spec.SpecWriter;
import xm.testing.Xm;

/**
 * {@code sched: {weight, cap}} in Domain specs: planned and healed live with sched-credit, like
 * memory.
 */
class SchedSpecTest {
  static final String SPEC =
      "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: web1}\nspec:\n  kernel: /boot/vmlinuz\n"
          + "  memory: 128\n  vcpus: 2\n";

  @TempDir Path dir;
  Xm xm;

  @BeforeEach
  void host() {
    xm = new Xm(dir.resolve("home"), dir);
    assertEquals(0, xm.run("host", "init", "--clock", "manual").code());
  }

  Path spec(String extra) throws Exception {
    return Files.writeString(dir.resolve("web.yaml"), SPEC + extra);
  }

  @Test
  void aDeclaredWeightAndCapAreSetAtCreateAndHealedLiveWithTheirCause() throws Exception {
    Path f = spec("  sched: {weight: 512, cap: 150}\n");
    assertEquals(0, xm.run("apply", "-f", f.toString()).code());
    assertTrue(
        xm.run("sched-credit", "-d", "web1")
            .out()
            .contains("web1                                 1    512  150"));
    assertEquals(0, xm.run("sched-credit", "-d", "web1", "-w", "100").code());
    Xm.Run diff = xm.run("diff", "-f", f.toString());
    assertEquals(2, diff.code(), diff.toString());
    assertTrue(
        diff.out()
            .contains(
                "sched: weight 100, cap 150 -> weight 512, cap 150  (sched-credit, live)  declared at "
                    + "web.yaml:8; changed by xm sched-credit -d web1 -w 100"),
        diff.out());
    Xm.Run heal = xm.run("apply", "-f", f.toString());
    assertEquals(0, heal.code(), heal.toString());
    assertTrue(xm.run("sched-credit", "-d", "web1").out().contains("   512  150"));
    assertEquals(0, xm.run("diff", "-f", f.toString()).code());
    assertTrue(
        xm.run("list", "-o", "yaml", "web1").out().contains("  sched: {weight: 512, cap: 150}\n"));
  }

  @Test
  void aSpecWithoutSchedLeavesItAlone() throws Exception {
    Path f = spec("");
    assertEquals(0, xm.run("apply", "-f", f.toString()).code());
    assertEquals(0, xm.run("sched-credit", "-d", "web1", "-w", "700").code());
    assertEquals(0, xm.run("diff", "-f", f.toString()).code(), "not declared, not compared");
    Path weightOnly = spec("  sched: {weight: 700}\n");
    assertEquals(0, xm.run("sched-credit", "-d", "web1", "-c", "50").code());
    assertEquals(
        0,
        xm.run("diff", "-f", weightOnly.toString()).code(),
        "the cap it leaves out stays as it is");
  }

  @Test
  void badSchedValuesAreRefusedWithTheirPlace() throws Exception {
    Path f = spec("  sched: {weight: 0, cap: 250}\n");
    Xm.Run r = xm.run("diff", "-f", f.toString());
    assertEquals(1, r.code());
    assertTrue(
        r.err().contains("web.yaml:8:19: weight must be between 1 and 65535, not 0"), r.err());
    assertTrue(
        r.err().contains("web.yaml:8:27: sched.cap 250 is more than 100 x maxvcpus (200)"),
        r.err());
    Path both = spec("  sched: {weight: 300}\n  extras: {cpu_weight: \"300\"}\n");
    Xm.Run twice = xm.run("diff", "-f", both.toString());
    assertEquals(1, twice.code());
    assertTrue(
        twice.err().contains("sched.weight and extras.cpu_weight say the same thing"), twice.err());
  }

  @Test
  void aConfigsOutOfRangeCpuWeightStaysAnExtraAsWrittenAndTheHostRefusesIt() throws Exception {
    DomainConfig c =
        new DomainConfig(
            "web1",
            null,
            null,
            "/boot/vmlinuz",
            null,
            "",
            64,
            64,
            1,
            1,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            java.util.Map.of("cpu_weight", "0", "cpu_cap", "50"));
    String yaml =
        SpecWriter.yaml(
            c, null, null); // found by ConvertExtrasProperties, seed -961472729999372774
    assertTrue(
        yaml.contains("  sched: {cap: 50}\n") && yaml.contains("    cpu_weight: \"0\"\n"), yaml);
    assertEquals(c, SpecLoader.parse("web1.yaml", yaml).domains().get(0).config());
    Path f = Files.writeString(dir.resolve("web1.yaml"), yaml);
    Xm.Run apply = xm.run("apply", "-f", f.toString());
    assertEquals(1, apply.code(), apply.toString());
    assertTrue(
        apply.out().contains("cpu_weight must be a whole number from 1 to 65535, not '0'"),
        apply.toString());
  }
}
