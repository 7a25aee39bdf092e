package xm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xm.config.XmConfigFile;
import xm.diag.XmException;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.LifecycleAction;

/** xm create reads the example domain configs Xen shipped as Xen's xm did. */
@XenConformance
class XmConfigFileConformance {
  private static final Path CWD = Path.of("/srv/xen");

  private static DomainConfig load(String example, String... overrides) {
    return XmConfigFile.load(XenReference.examples().resolve(example), List.of(overrides), CWD)
        .config();
  }

  static Stream<String> domainExamples() throws IOException {
    try (Stream<Path> s = Files.list(XenReference.examples())) {
      return s
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("xmexample"))
          .sorted()
          .toList()
          .stream();
    }
  }

  /**
   * Every domain config Xen shipped loads, but xmexample.nbd, whose nbd: disk is refused with a
   * located reason.
   */
  @ParameterizedTest
  @MethodSource("domainExamples")
  void every_xen_example_loads_or_fails_with_a_reason(String example) {
    try {
      DomainConfig c = load(example, "vmid=2");
      assertTrue(c.memoryMiB() > 0);
      assertNotEquals("xmexample.nbd", example, "the nbd: disk should have been refused");
    } catch (XmException e) {
      assertEquals(XmException.Kind.BAD_INPUT, e.kind());
      assertTrue(e.getMessage().contains(example + ":"), e.getMessage());
      assertEquals(
          "xmexample.nbd", example, "only the nbd example is expected to fail: " + e.getMessage());
      assertTrue(
          e.getMessage().contains("must start with phy:, file: or tap:TYPE:"), e.getMessage());
    }
  }

  @Test
  void xmexample1_describes_its_domain() {
    DomainConfig c = load("xmexample1");
    assertEquals("ExampleDomain", c.name());
    assertEquals("/boot/vmlinuz-2.6.10-xenU", c.kernel());
    assertEquals(64, c.memoryMiB());
    assertEquals(64, c.maxmemMiB());
    assertEquals(1, c.vcpus());
    assertEquals("root=/dev/hda1 ro 4", c.cmdline());
    assertEquals("phy:hda1", c.disks().get(0).uname());
    assertEquals("hda1", c.disks().get(0).dev());
    assertEquals("w", c.disks().get(0).mode());
    assertEquals(1, c.vifs().size());
    assertTrue(c.vifs().get(0).options().isEmpty());
    assertEquals(LifecycleAction.DESTROY, c.onPoweroff());
    assertEquals(LifecycleAction.RESTART, c.onReboot());
  }

  @Test
  void xmexample2_needs_vmid_and_computes_from_it() {
    XmException e = assertThrows(XmException.class, () -> load("xmexample2"));
    assertTrue(e.getMessage().contains("needs the variable 'vmid'"), e.getMessage());
    DomainConfig c = load("xmexample2", "vmid=3");
    assertEquals("VM3", c.name());
    assertEquals(4, c.vcpus());
    assertEquals("phy:sda10", c.disks().get(0).uname());
    assertEquals("r", c.disks().get(1).mode());
    assertEquals("root=/dev/sda1 ro 4 VMID=3 usr=/dev/sda6", c.cmdline());
    assertThrows(XmException.class, () -> load("xmexample2", "vmid=-1"));
    assertThrows(XmException.class, () -> load("xmexample2", "vmid=abc"));
  }

  @Test
  void hvm_example_runs_its_python() {
    DomainConfig c = load("xmexample.hvm");
    assertEquals("hvm", c.builder());
    String arch = System.getProperty("os.arch").contains("64") ? "lib64" : "lib";
    assertEquals("/usr/" + arch + "/xen/bin/qemu-dm", c.extras().get("device_model"));
    assertEquals("1", c.extras().get("vnc"));
    assertEquals("", c.disks().get(1).uname());
    assertEquals("hdc:cdrom", c.disks().get(1).dev());
    assertEquals("ioemu", c.vifs().get(0).option("type"));
    assertEquals("xenbr0", c.vifs().get(0).option("bridge"));
  }
}
