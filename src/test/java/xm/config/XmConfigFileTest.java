package xm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import xm.diag.XmException;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.LifecycleAction;

class XmConfigFileTest {
  private static final Path CWD = Path.of("/srv/xen");

  /**
   * xmdomain.cfg files written for these tests; XmConfigFileConformance reads Xen's own examples.
   */
  static final Path CONFIGS = Path.of("src/test/resources/configs");

  private static DomainConfig load(String config, String... overrides) {
    return XmConfigFile.load(CONFIGS.resolve(config), List.of(overrides), CWD).config();
  }

  private static DomainConfig build(String text, String... overrides) {
    return XmConfigFile.build("test.cfg", text, List.of(overrides), CWD, "test.cfg");
  }

  private static XmException buildFails(String text, String... overrides) {
    return assertThrows(XmException.class, () -> build(text, overrides));
  }

  static Stream<String> fixtures() throws IOException {
    try (Stream<Path> s = Files.list(CONFIGS)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  /**
   * Every fixture loads, but the one with an nbd: disk, which fails with a located, explained
   * error.
   */
  @ParameterizedTest
  @MethodSource("fixtures")
  void every_fixture_loads_or_fails_with_a_reason(String config) {
    try {
      DomainConfig c = load(config, "vmid=2", "num=2");
      assertTrue(c.memoryMiB() > 0);
      assertNotEquals("nbd-refused", config, "the nbd: disk should have been refused");
    } catch (XmException e) {
      assertEquals(XmException.Kind.BAD_INPUT, e.kind());
      assertTrue(e.getMessage().contains(config + ":"), e.getMessage());
      assertEquals(
          "nbd-refused", config, "only the nbd: fixture is expected to fail: " + e.getMessage());
      assertTrue(
          e.getMessage()
              .contains(
                  "Invalid disk specifier: nbd:storage.test.invalid 10809,xvda1,w"
                      + " (the backend 'nbd:storage.test.invalid 10809' must start with phy:, file: or tap:TYPE:)"),
          e.getMessage());
    }
  }

  @Test
  void pv_guest_describes_its_domain() {
    DomainConfig c = load("pv-guest");
    assertEquals("pvguest", c.name());
    assertEquals("/boot/vmlinuz-2.6.18.8-xen", c.kernel());
    assertEquals("/boot/initrd-2.6.18.8-xen.img", c.ramdisk());
    assertEquals(64, c.memoryMiB());
    assertEquals(64, c.maxmemMiB());
    assertEquals(1, c.vcpus());
    assertEquals("root=/dev/xvda1 ro console=xvc0 3", c.cmdline());
    assertEquals(1, c.disks().size());
    assertEquals("phy:sda1", c.disks().get(0).uname());
    assertEquals("xvda1", c.disks().get(0).dev());
    assertEquals("w", c.disks().get(0).mode());
    assertEquals(1, c.vifs().size());
    assertTrue(c.vifs().get(0).options().isEmpty());
    assertEquals(LifecycleAction.DESTROY, c.onPoweroff());
    assertEquals(LifecycleAction.RESTART, c.onReboot());
  }

  @Test
  void pv_numbered_needs_its_variable_and_computes_from_it() {
    XmException e = assertThrows(XmException.class, () -> load("pv-numbered"));
    assertTrue(
        e.getMessage()
            .contains("needs the variable 'num' (Guest number: a whole number, 1 or more.)"),
        e.getMessage());
    DomainConfig c = load("pv-numbered", "num=3");
    assertEquals("node03", c.name());
    assertEquals(2, c.vcpus());
    assertEquals("phy:sda7", c.disks().get(0).uname());
    assertEquals("w", c.disks().get(0).mode());
    assertEquals("phy:sda4", c.disks().get(1).uname());
    assertEquals("r", c.disks().get(1).mode());
    assertEquals("xenbr0", c.vifs().get(0).option("bridge"));
    assertEquals("root=/dev/xvda1 ro console=xvc0 node=3 data=/dev/xvdb1", c.cmdline());
    assertThrows(XmException.class, () -> load("pv-numbered", "num=0"));
    assertThrows(XmException.class, () -> load("pv-numbered", "num=-1"));
    assertThrows(XmException.class, () -> load("pv-numbered", "num=abc"));
  }

  @Test
  void pv_static_ip_puts_its_address_on_the_kernel_command_line() {
    DomainConfig c = load("pv-static-ip", "vmid=6");
    assertEquals("edge6", c.name());
    assertEquals("2", c.cpus());
    assertEquals("00:16:3e:0a:00:06", c.vifs().get(0).option("mac"));
    assertEquals("10.6.0.2", c.vifs().get(0).option("ip"));
    assertEquals("phy:sda14", c.disks().get(0).uname());
    assertEquals(
        "ip=10.6.0.2:127.0.255.255:10.6.0.1:255.255.255.0:edge6.test.invalid:eth0:off"
            + " root=/dev/xvda1 ro console=xvc0",
        c.cmdline());
    assertThrows(XmException.class, () -> load("pv-static-ip", "vmid=255"));
  }

  @Test
  void hvm_desktop_runs_its_python() {
    DomainConfig c = load("hvm-desktop");
    assertEquals("hvm", c.builder());
    assertEquals("desktop", c.name());
    String arch = System.getProperty("os.arch").contains("64") ? "lib64" : "lib";
    assertEquals("/usr/" + arch + "/xen/bin/qemu-dm", c.extras().get("device_model"));
    assertEquals("1", c.extras().get("vnc"));
    assertEquals("cd", c.extras().get("boot"));
    assertEquals("tablet", c.extras().get("usbdevice"));
    assertEquals("file:/srv/xen/desktop.img", c.disks().get(0).uname());
    assertEquals("", c.disks().get(1).uname());
    assertEquals("hdc:cdrom", c.disks().get(1).dev());
    assertEquals("ioemu", c.vifs().get(0).option("type"));
    assertEquals("xenbr0", c.vifs().get(0).option("bridge"));
    assertEquals("rtl8139", c.vifs().get(0).option("model"));
  }

  @Test
  void pv_grub_boots_through_the_grub_menu_in_extra() {
    DomainConfig c = load("pv-grub");
    assertEquals("linux", c.builder());
    assertEquals("/usr/lib/xen/boot/pv-grub-x86_64.gz", c.kernel());
    assertNull(c.ramdisk());
    assertEquals("(hd0,0)/boot/grub/menu.lst", c.cmdline());
  }

  @Test
  void command_line_wins_over_the_file_and_lists_replace() {
    DomainConfig c =
        load(
            "pv-guest",
            "memory=96",
            "name=other",
            "disk=phy:hda2,xvda1,r",
            "disk=file:/img,xvda2,w");
    assertEquals(96, c.memoryMiB());
    assertEquals("other", c.name());
    assertEquals(2, c.disks().size());
    assertEquals("phy:hda2", c.disks().get(0).uname());
    assertEquals("file:/img", c.disks().get(1).uname());
  }

  @Test
  void defaults_follow_xm_create() {
    DomainConfig c = build("kernel = 'vmlinuz'\n");
    assertEquals("test.cfg", c.name());
    assertEquals(128, c.memoryMiB());
    assertEquals(1, c.vcpus());
    assertEquals("/srv/xen/vmlinuz", c.kernel());
    assertNull(c.ramdisk());
    assertEquals("", c.cmdline());
  }

  @Test
  void python_features_real_configs_use() {
    String text =
        String.join(
            "\n",
            "import os, re",
            "base = 100",
            "def double(x):",
            "    return x * 2",
            "if re.search('64', os.uname()[4]) or True:",
            "    memory = double(base) + 56   # 256",
            "else:",
            "    memory = 1",
            "name = 'vm-%02d-%s' % (7, 'web')",
            "vif = [ 'mac=00:16:3e:00:00:%02x, bridge=xenbr%d' % (i, i) for_each ] if False else []",
            "vcpus = len([1, 2, 3])",
            "kernel = \"/boot/\" \\",
            "    \"vmlinuz\"",
            "extra = '''multi",
            "line'''",
            "");
    XmException e = buildFails(text);
    assertTrue(e.getMessage().startsWith("test.cfg:10:"), e.getMessage());
    DomainConfig c = build(text.replace("% (i, i) for_each ] if False else []", "% (1, 1) ]"));
    assertEquals(256, c.memoryMiB());
    assertEquals("vm-07-web", c.name());
    assertEquals(3, c.vcpus());
    assertEquals("/boot/vmlinuz", c.kernel());
    assertEquals("multi\nline", c.cmdline());
  }

  @Test
  void errors_name_the_file_line_and_column() {
    assertEquals(
        "test.cfg:2:10: memory must be a whole number, not 'lots'".replace(":10:", ":1:"),
        buildFails("kernel='k'\nmemory = 'lots'\n").getMessage());
    assertEquals("test.cfg:1:10: unexpected ']'", buildFails("memory = ]\n").getMessage());
    assertTrue(
        buildFails("kernel='k'\n  memory = 3\n")
            .getMessage()
            .startsWith("test.cfg:2:3: unexpected indentation"));
    assertTrue(
        buildFails("kernel='k'\nvcpus = 2\nmaxvcpus = 1\n")
            .getMessage()
            .startsWith("test.cfg:3:1:"));
    assertTrue(
        buildFails("kernel='k'\nimport socket\n")
            .getMessage()
            .contains("module 'socket' is not available"));
    assertTrue(buildFails("kernel='k'\nx = 1 / 0\n").getMessage().contains("ZeroDivisionError"));
    assertEquals(
        "command line memory=...: memory must be a whole number, not 'x'",
        buildFails("kernel='k'\n", "memory=x").getMessage());
    assertEquals(
        "Invalid argument 'oops': expected name=value (e.g. memory=256)",
        buildFails("kernel='k'\n", "oops").getMessage());
  }

  @Test
  void device_and_label_specifiers_are_checked() {
    assertTrue(
        buildFails("kernel='k'\ndisk=['phy:hda1']\n")
            .getMessage()
            .contains("Invalid disk specifier: phy:hda1"));
    assertTrue(
        buildFails("kernel='k'\ndisk=['nbd:x,hda1,w']\n")
            .getMessage()
            .contains("must start with phy:, file: or tap:TYPE:"));
    assertTrue(
        buildFails("kernel='k'\ndisk=['tap:bogus:/x,hda1,w']\n")
            .getMessage()
            .contains("tap: backends look like"));
    assertTrue(
        buildFails("kernel='k'\nvif=['mac']\n")
            .getMessage()
            .contains("mac should be a pair, separated by an equals sign."));
    assertTrue(
        buildFails("kernel='k'\naccess_control=['policy=a,label=b','policy=c,label=d']\n")
            .getMessage()
            .contains("Multiple access_control definitions."));
    assertTrue(
        buildFails("kernel='k'\naccess_control=['policy=a,label=b,x=c']\n")
            .getMessage()
            .contains("Too many elements in access_control specifier"));
    assertTrue(
        buildFails("kernel='k'\non_crash='explode'\n")
            .getMessage()
            .contains("Invalid value for on_crash"));
    DomainConfig c =
        build(
            "kernel='k'\naccess_control=['policy=example.chwall_ste.client_v1,label=dom_HomeBanking']\n"
                + "vtpm=['instance=1,backend=0']\non_crash='coredump-restart'\n");
    assertEquals("ACM:example.chwall_ste.client_v1:dom_HomeBanking", c.securityLabel().toString());
    assertEquals(1, c.vtpms().get(0).instance());
    assertEquals(LifecycleAction.COREDUMP_RESTART, c.onCrash());
  }

  @Test
  void vcpu_avail_and_maxvcpus_set_online_and_maximum() {
    DomainConfig c = build("kernel='k'\nvcpus=4\nvcpu_avail=3\n");
    assertEquals(2, c.vcpus());
    assertEquals(4, c.maxVcpus());
    c = build("kernel='k'\nvcpus=2\nmaxvcpus=8\n");
    assertEquals(2, c.vcpus());
    assertEquals(8, c.maxVcpus());
  }
}
