package xm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xm.diag.XmException;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.spec.SpecWriter;
import xm.testing.Xm;

/**
 * Configs in the styles people publish (xm-era PV and HVM, xl-era positional and key=value disks,
 * xl's type and cmdline, comments, lists over several lines, a little Python with from-imports):
 * each is read as its author meant, converts to a spec that round-trips, and that spec applies on
 * the embedded host (given the devices and files it names).
 */
class RealWorldConfigsTest {
  static final Path DIR = Path.of("src/test/resources/real-world-configs");

  @TempDir Path tmp;

  static DomainConfig load(String name) {
    return XmConfigFile.load(DIR.resolve(name + ".cfg"), List.of(), Path.of("/")).config();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "xl-positional",
        "xl-keyvalue",
        "xm-hvm",
        "xm-pv-python",
        "xl-hvm-nokernel",
        "xl-pvh"
      })
  void eachConvertsRoundTripsAndApplies(String name) throws Exception {
    DomainConfig c = load(name);
    ConvertRoundTripTest.assertRoundTrip(c);
    // the host has the block devices the config names, and the files exist (under tmp)
    StringBuilder devices = new StringBuilder();
    for (DiskSpec d : c.disks()) {
      String path = d.uname().substring(d.uname().lastIndexOf(':') + 1);
      if (d.uname().startsWith("phy:")) {
        devices.append(devices.length() == 0 ? "" : ",").append(path);
      } else if (!path.isEmpty()) {
        Path f = tmp.resolve(path.substring(1));
        Files.createDirectories(f.getParent());
        Files.writeString(f, "image");
      }
    }
    Xm xm = new Xm(tmp.resolve("home"), tmp);
    assertEquals(
        0,
        (devices.length() == 0
                ? xm.run("host", "init")
                : xm.run("host", "init", "--block-devices", devices.toString()))
            .code());
    String yaml =
        SpecWriter.yaml(c, null, null)
            .replace("file:/", "file:" + tmp + "/")
            .replace(":/srv/", ":" + tmp + "/srv/");
    Path spec = Files.writeString(tmp.resolve(name + ".yaml"), yaml);
    Xm.Run apply = xm.run("apply", "-f", spec.toString());
    assertEquals(0, apply.code(), yaml + apply);
    assertEquals(0, xm.run("diff", "-f", spec.toString()).code(), "converged");
  }

  @Test
  void xlDisksAreReadAsXlReadsThem() {
    assertEquals(
        List.of(
            new DiskSpec("phy:/dev/vg0/web-root", "xvda", "w", 0),
            new DiskSpec("phy:/dev/vg0/web-swap", "xvdb", "w", 0)),
        load("xl-positional").disks());
    assertEquals("root=/dev/xvda1 ro console=hvc0", load("xl-positional").cmdline());
    assertEquals("linux", load("xl-positional").builder());
    DomainConfig db = load("xl-keyvalue");
    assertEquals("hvm", db.builder());
    assertEquals(
        "/usr/lib/xen/boot/hvmloader", db.kernel(), "type = 'hvm' implies the firmware loader");
    assertEquals(
        List.of(
            new DiskSpec("file:/srv/xen/db-root.img", "xvda", "w", 0),
            new DiskSpec("tap:qcow2:/srv/xen/db,data.qcow2", "xvdb", "r", 0),
            new DiskSpec("file:/srv/iso/debian-12.iso", "hdc:cdrom", "r", 0)),
        db.disks());
    assertEquals(
        Map.of(
            "vga",
            "stdvga",
            "viridian",
            "1",
            "xen_platform_pci",
            "1",
            "serial",
            "pty",
            "boot",
            "dc"),
        db.extras(),
        "xl's keys are kept, not refused");
    assertEquals(Map.of("type", "pvh"), load("xl-pvh").extras());
    assertEquals("/usr/lib/xen/boot/hvmloader", load("xl-hvm-nokernel").kernel());
  }

  @Test
  void aLittlePythonWithFromImportsComputesNamesAsXmDid() {
    DomainConfig g = load("xm-pv-python");
    assertEquals("guest3", g.name());
    assertEquals(256, g.memoryMiB());
    assertEquals(
        List.of(
            new DiskSpec("phy:/dev/vg0/guest3-root", "xvda1", "w", 0),
            new DiskSpec("file:/srv/xen/guest3.swap", "xvda2", "w", 0)),
        g.disks());
    assertEquals("00:16:3e:00:00:03", g.vifs().get(0).option("mac"));
    assertEquals("root=/dev/xvda1 ro console=xvc0", g.cmdline());
  }

  @Test
  void theManPagesEmptyVifOnTheCommandLineMeansNoNetwork() {
    DomainConfig none =
        XmConfigFile.load(
                Path.of("/dev/null"), List.of("name=ramdisk", "kernel=/k", "vif=''"), Path.of("/"))
            .config();
    assertTrue(none.vifs().isEmpty(), none.vifs().toString());
    DomainConfig inFile =
        XmConfigFile.build(
            "a.cfg", "name='a'\nkernel='/k'\nvif=['']\n", List.of(), Path.of("/"), "a");
    assertEquals(1, inFile.vifs().size(), "in a file, [''] is one interface with every default");
    DomainConfig overridden =
        XmConfigFile.build(
            "a.cfg",
            "name='a'\nkernel='/k'\nvif=['bridge=xenbr0']\n",
            List.of("vif=''"),
            Path.of("/"),
            "a");
    assertTrue(overridden.vifs().isEmpty(), "the command line's vif='' overrides the file's");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "disk=['vdev=xvda, speed=fast, target=/x']|unknown parameter 'speed'",
        "disk=['/srv/a.img,raw']|no vdev",
        "disk=['/srv/a.vhd,vhd,xvda,rw']|format vhd has no backend in xm",
        "disk=['/srv/a.img,raw,xvda,rx']|access must be rw or ro",
        "type='hvm'\\nbuilder='linux'|contradicts builder",
        "type='bhyve'|type must be 'hvm', 'pv' or 'pvh'",
        "cmdline='ro'\\nroot='/dev/xvda1'|both set the kernel command line",
        "from os import nosuch|cannot import name 'nosuch' from 'os'",
        "from os import *|name what you use",
        "from sys import argv|cannot import name 'argv' from 'sys'",
        "import os as o|is not supported in xm config files"
      })
  void badXlSpellingsAreOneLineErrorsNamingTheFile(String caseText) {
    String[] c = caseText.split("\\|");
    String text = "name='a'\nkernel='/k'\n" + c[0].replace("\\n", "\n") + "\n";
    XmException e =
        assertThrows(
            XmException.class,
            () -> XmConfigFile.build("bad.cfg", text, List.of(), Path.of("/"), "a"));
    assertTrue(e.getMessage().startsWith("bad.cfg:"), e.getMessage());
    assertTrue(e.getMessage().contains(c[1]), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }
}
