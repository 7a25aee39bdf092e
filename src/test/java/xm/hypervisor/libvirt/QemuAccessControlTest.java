package xm.hypervisor.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Xm;

/**
 * Access control decided by xm on a real libvirtd with QEMU where the test driver cannot go: a
 * restore (the saved domain is read from the image by libvirt and decided on before it runs) and
 * the relabeling of a resource a running domain uses. Skipped, so reported as not run, when no
 * libvirtd answers on qemu:///system.
 */
class QemuAccessControlTest {
  static final String URI = "qemu:///system";
  @TempDir Path dir;
  Xm xm;
  String a;
  String b;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(
        LibvirtAvailable.check(), "libvirt0 is not installed: the qemu:///system suite is not run");
    xm = new Xm(dir.resolve("home"), dir);
    Assumptions.assumeTrue(
        lv("list").code() == 0, "no libvirtd answers on qemu:///system: " + lv("list").err());
    a = "acma" + ProcessHandle.current().pid();
    b = "acmb" + ProcessHandle.current().pid();
    Path root = Files.createDirectories(dir.resolve("home/policies/example"));
    Files.copy(
        Path.of("policies/example/web-security_policy.xml"),
        root.resolve("web-security_policy.xml"));
    assertEquals(0, lv("loadpolicy", "example.web").code());
  }

  @AfterEach
  void tearDown() {
    if (xm != null && a != null) {
      lv("destroy", a);
      lv("destroy", b);
    }
  }

  private Xm.Run lv(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "-c";
    all[1] = URI;
    System.arraycopy(args, 0, all, 2, args.length);
    return xm.run(all);
  }

  private Path cfg(String name, String label, String extra) throws Exception {
    return Files.writeString(
        dir.resolve(name + ".cfg"),
        "name = '"
            + name
            + "'\nbuilder = 'hvm'\n"
            + "kernel = '/usr/lib/xen/boot/hvmloader'\nmemory = 64\naccess_control = ['policy=example.web,label="
            + label
            + "']\n"
            + extra);
  }

  @Test
  void aRestoreTheChineseWallForbidsIsRefusedBeforeTheDomainRuns() throws Exception {
    assertEquals(0, lv("create", cfg(a, "web", "").toString()).code());
    Path image = dir.resolve("a.sav");
    Xm.Run save = lv("save", a, image.toString());
    assertEquals(0, save.code(), save.toString());
    assertEquals(0, lv("create", cfg(b, "batch", "").toString()).code());
    Xm.Run refused = lv("restore", image.toString());
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(
        refused
            .error()
            .startsWith("Error: Domain in conflict set with running domain? (web against " + b),
        refused.toString());
    assertEquals(3, lv("domid", a).code(), "the saved domain never ran");
    assertEquals(0, lv("destroy", b).code());
    Xm.Run restored = lv("restore", image.toString());
    assertEquals(0, restored.code(), restored.toString());
    assertTrue(lv("list", "--label", a).out().contains("ACM:example.web:web"));
  }

  @Test
  void aResourceInUseIsNotRelabeledToOneItsDomainWouldBeDenied() throws Exception {
    // QEMU runs as libvirt-qemu: the image and the way to it must be readable to it
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path img = Files.write(dir.resolve("disk.img"), new byte[1 << 20]);
    String res = "file:" + img;
    assertEquals(0, lv("addlabel", "web_disk", "res", res, "example.web").code());
    Xm.Run made = lv("create", cfg(a, "web", "disk = ['" + res + ",hda,w']\n").toString());
    assertEquals(0, made.code(), made.toString());
    Xm.Run relabel = lv("addlabel", "db_disk", "res", res, "example.web");
    assertEquals(1, relabel.code(), relabel.toString());
    assertTrue(
        relabel
            .error()
            .startsWith(
                "Error: Resource '"
                    + res
                    + "' is in use by domain "
                    + a
                    + " on host "
                    + URI
                    + ", which its new label would deny"),
        relabel.toString());
    Xm.Run unlabel = lv("rmlabel", "res", res);
    assertEquals(1, unlabel.code(), unlabel.toString());
    assertTrue(unlabel.error().contains("which an unlabeled would deny"), unlabel.toString());
    assertTrue(lv("getlabel", "res", res).out().contains("web_disk"), "the label stays");
    assertEquals(0, lv("destroy", a).code());
    assertEquals(0, lv("addlabel", "db_disk", "res", res, "example.web").code());
  }
}
