package xm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Xm;

/**
 * A halted domain xend keeps (xm new) is listed as Xen 3.4's xm listed it: blank ID and State, its
 * configured memory and VCPUs, 0.0 seconds (generated/xm-output-samples.txt).
 */
@XenConformance
class ManagedListConformance {
  @TempDir Path dir;

  @Test
  void a_halted_managed_domain_is_listed_with_a_blank_id_as_xen_did() throws IOException {
    List<String> sample =
        Files.readString(XenReference.root().resolve("generated/xm-output-samples.txt"))
            .lines()
            .toList();
    int at =
        sample.indexOf(
            sample.stream().filter(l -> l.startsWith("=== xm list  (")).findFirst().orElseThrow());
    String header = sample.get(at + 1);
    String row =
        sample.stream().filter(l -> l.startsWith("managed-halted ")).findFirst().orElseThrow();
    Xm xm = new Xm(dir.resolve("home"), dir);
    xm.run("host", "init");
    assertEquals(
        0,
        xm.run(
                "new",
                "-q",
                "/dev/null",
                "name=managed-halted",
                "kernel=/boot/vmlinuz",
                "memory=128")
            .code());
    assertEquals(header + "\n" + row + "\n", xm.run("list", "managed-halted").out());
  }
}
