package xm.hypervisor.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xm.diag.XmException;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.LifecycleAction;
import xm.hypervisor.SecurityLabel;
import xm.hypervisor.VifSpec;
import xm.hypervisor.VtpmSpec;

/** The domain model as libvirt XML and back (pure: no libvirt needed). */
class DomainXmlTest {
  static DomainConfig web() {
    return new DomainConfig(
        "web1",
        "6f1b3c0e-2a4d-4c8e-9b1f-0d2e3f4a5b6c",
        "linux",
        "/boot/vmlinuz",
        "/boot/initrd.img",
        "root=/dev/xvda1 ro",
        256,
        512,
        2,
        4,
        null,
        LifecycleAction.DESTROY,
        LifecycleAction.RENAME_RESTART,
        LifecycleAction.PRESERVE,
        List.of(
            new DiskSpec("phy:hda1", "xvda1", "w", 0),
            new DiskSpec("file:/srv/web.img", "xvdb", "r", 0),
            new DiskSpec("phy:/dev/sdb", "xvdc", "w!", 0)),
        List.of(new VifSpec(Map.of("mac", "00:16:3e:00:02:01", "bridge", "xenbr0"))),
        List.of(new VtpmSpec(1, 0)),
        new SecurityLabel("example.web", "web"),
        Map.of("vnc", "1"));
  }

  @Test
  void aConfigReadsBackAsItWasWrittenWithXmsMarks() {
    String xml =
        DomainXml.write(
            web(), "qemu", true, Map.of("xm/scope", "prod", "xm/spec", "specs/web.yaml:2"));
    assertTrue(xml.contains("<memory unit=\"KiB\">524288</memory>"), xml);
    assertTrue(xml.contains("<currentMemory unit=\"KiB\">262144</currentMemory>"), xml);
    assertTrue(xml.contains("<vcpu current=\"2\">4</vcpu>"), xml);
    assertTrue(xml.contains("<source dev=\"/dev/hda1\"/>"), xml);
    assertTrue(xml.contains("<source file=\"/srv/web.img\"/>"), xml);
    DomainXml.Parsed p = DomainXml.read("test", xml);
    assertEquals(web(), p.config());
    assertTrue(p.managed());
    assertEquals(Map.of("xm/scope", "prod", "xm/spec", "specs/web.yaml:2"), p.annotations());
  }

  @Test
  void aDomainDefinedByHandIsUnmanagedAndReadFromLibvirtsOwnElements() {
    String xml =
        "<domain type='kvm'><name>hand</name><memory unit='MiB'>1024</memory><vcpu>2</vcpu>"
            + "<os><type arch='x86_64'>hvm</type></os><devices><disk type='file' device='disk'><source file='/img/a.qcow2'/>"
            + "<target dev='vda' bus='virtio'/></disk><interface type='bridge'><mac address='52:54:00:12:34:56'/>"
            + "<source bridge='br0'/></interface></devices></domain>";
    DomainXml.Parsed p = DomainXml.read("test", xml);
    assertFalse(p.managed());
    assertEquals(1024, p.config().memoryMiB());
    assertEquals(2, p.config().vcpus());
    assertEquals("hvm", p.config().builder());
    assertEquals(
        List.of(new DiskSpec("file:/img/a.qcow2", "xvda", "w", 0)),
        p.config().disks()); // vdX is Xen's xvdX
    assertEquals("52:54:00:12:34:56", p.config().vifs().get(0).option("mac"));
  }

  @Test
  void aLiveChangeMadeBehindXmsBackIsWhatIsRead() {
    String xml =
        DomainXml.write(web(), "qemu", true, Map.of())
            .replace("<vcpu current=\"2\">4</vcpu>", "<vcpu current=\"3\">4</vcpu>");
    assertEquals(3, DomainXml.read("test", xml).config().vcpus());
  }

  @Test
  void hostileXmlIsRefusedInOneLine() {
    XmException e =
        assertThrows(
            XmException.class,
            () ->
                DomainXml.read(
                    "qemu:///system",
                    "<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain><name>&x;</name></domain>"));
    assertTrue(
        e.getMessage().startsWith("qemu:///system: libvirt returned domain XML xm cannot read"),
        e.getMessage());
  }

  @Test
  void xenTargetsAreWholeVirtioDisksOnQemuAndReadBackAsGiven() {
    String xml = DomainXml.write(web(), "qemu", true, Map.of());
    assertTrue(
        xml.contains("<target bus=\"virtio\" dev=\"vda\"/>"),
        xml); // xvda1: QEMU refuses partition targets
    assertTrue(xml.contains("<target bus=\"virtio\" dev=\"vdc\"/>"), xml);
    assertFalse(xml.contains("xvda1\" bus"), xml);
    assertEquals(web().disks(), DomainXml.read("qemu:///system", xml).config().disks());
    String xen = DomainXml.write(web(), "xen", true, Map.of());
    assertTrue(
        xen.contains("<target bus=\"xen\" dev=\"xvda1\"/>"),
        xen); // a Xen host takes Xen's names as they are
    assertEquals(web().disks(), DomainXml.read("xen:///system", xen).config().disks());
  }

  @Test
  void twoPartitionsOfOneXenDiskAreRefusedOnQemuNamingBoth() {
    DomainConfig c =
        web()
            .withDevices(
                List.of(
                    new DiskSpec("phy:hda1", "xvda1", "w", 0),
                    new DiskSpec("phy:hda2", "xvda2", "w", 0)),
                List.of());
    XmException e =
        assertThrows(XmException.class, () -> DomainXml.write(c, "qemu", true, Map.of()));
    assertEquals(
        "Disks xvda1 and xvda2 of web1 would both be vda on this qemu host: it gives a guest whole disks, not"
            + " partitions; give each disk its own letter (e.g. xvda and xvdb)",
        e.getMessage());
    assertTrue(DomainXml.write(c, "xen", true, Map.of()).contains("xvda2"));
  }

  @Test
  void ideAndScsiTargetsLoseOnlyTheirPartitionAndCdromsStayCdroms() {
    assertEquals("hda", DiskTargets.toLibvirt("hda1", "qemu"));
    assertEquals("hdc", DiskTargets.toLibvirt("hdc:cdrom", "qemu"));
    assertEquals("sdb", DiskTargets.toLibvirt("sdb3", "kvm"));
    assertEquals("vdaa", DiskTargets.toLibvirt("xvdaa", "qemu"));
    DomainConfig c =
        web()
            .withDevices(
                List.of(new DiskSpec("file:/iso/boot.iso", "hdc:cdrom", "r", 0)), List.of());
    String xml = DomainXml.write(c, "qemu", true, Map.of());
    assertTrue(xml.contains("device=\"cdrom\""), xml);
    assertEquals(c.disks(), DomainXml.read("qemu:///system", xml).config().disks());
  }

  @Test
  void theMetadataElementAloneIsBareWithOrWithoutChildren() {
    DomainConfig bare =
        new DomainConfig(
            "t", null, "linux", "/boot/k", null, "", 64, 64, 1, 1, null, null, null, null,
            List.of(), List.of(), List.of(), null, Map.of());
    String m = DomainXml.metadata(bare, "test", false, Map.of());
    assertTrue(m.startsWith("<xm ") && m.endsWith("/>") && !m.contains("xmlns"), m);
    String full = DomainXml.metadata(web(), "qemu", true, Map.of("xm/scope", "prod"));
    assertTrue(
        full.startsWith("<xm ") && full.endsWith("</xm>") && full.contains("<managed/>"), full);
  }
}
