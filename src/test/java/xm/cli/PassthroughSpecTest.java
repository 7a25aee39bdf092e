package xm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Xm;

/**
 * {@code pci} and {@code vscsi} in configs and specs (issue #12, item 3): assigned at create from
 * either, exported and converted as spec fields, bad entries refused at their place.
 */
class PassthroughSpecTest {
  @TempDir Path dir;
  Xm xm;

  @BeforeEach
  void host() {
    xm = new Xm(dir.resolve("home"), dir);
    assertEquals(
        0,
        xm.run(
                "host",
                "init",
                "--clock",
                "manual",
                "--pci-devices",
                "0000:00:19.0",
                "--scsi-devices",
                "0:0:0:0=/dev/sda,1:0:0:0=/dev/sdb")
            .code());
  }

  private Xm.Run ok(int code, String... argv) {
    Xm.Run r = xm.run(argv);
    assertEquals(code, r.code(), String.join(" ", argv) + ": " + r);
    return r;
  }

  @Test
  void aSpecsPciAndVscsiAreAssignedAtCreateAndExportedAsTheyWereDeclared() {
    xm.file(
        "p.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: p}\nspec:\n  kernel: /boot/vmlinuz\n"
            + "  memory: 64\n  pci: ['0000:00:19.0@5']\n  vscsi: ['/dev/sdb, 0:0:0:1']\n");
    ok(0, "apply", "-f", "p.yaml");
    assertTrue(ok(0, "pci-list", "p").out().contains("0x19"), "the device is the domain's");
    assertTrue(ok(0, "scsi-list", "p").out().contains("1:0:0:0    sdb   0:0:0:1"));
    ok(0, "diff", "-f", "p.yaml");
    String yaml = ok(0, "list", "-o", "yaml", "p").out();
    assertTrue(yaml.contains("  pci: [\"0000:00:19.0@5\"]\n"), yaml);
    assertTrue(yaml.contains("  vscsi: [\"/dev/sdb, 0:0:0:1\"]\n"), yaml);
    assertTrue(!yaml.contains("extras"), "not extras any more: " + yaml);
    // devices moved by hand are drift (a restart brings the spec's back), and what is exported is
    // what the domain has now
    ok(0, "pci-detach", "p", "0000:00:19.0");
    Xm.Run drift = ok(2, "diff", "-f", "p.yaml");
    assertTrue(drift.out().contains("pci: [] -> [0000:00:19.0@5]"), drift.out());
    assertTrue(!ok(0, "list", "-o", "yaml", "p").out().contains("pci:"), "no device, no pci list");
    ok(0, "apply", "--allow-restart", "-f", "p.yaml");
    ok(0, "diff", "-f", "p.yaml");
    assertTrue(ok(0, "pci-list", "p").out().contains("0x5 "), "the spec's slot again");
  }

  @Test
  void aSlotOrLunAddressTheSpecLeavesToTheHostIsNotDrift() {
    xm.file(
        "p.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: p}\nspec:\n  kernel: /boot/vmlinuz\n"
            + "  memory: 64\n  pci: ['0000:00:19.0,msitranslate=1']\n  vscsi: ['1:0:0:0, 0:0:0:1']\n");
    ok(0, "apply", "-f", "p.yaml");
    ok(0, "diff", "-f", "p.yaml");
    assertTrue(
        ok(0, "list", "-o", "yaml", "p").out().contains("  pci: [\"0000:00:19.0@4\"]"),
        "the host's slot");
    ok(0, "scsi-detach", "p", "0:0:0:1");
    assertTrue(
        ok(2, "diff", "-f", "p.yaml").out().contains("vscsi: [] -> [1:0:0:0, 0:0:0:1]"),
        "a LUN gone is drift");
  }

  @Test
  void aConfigsVscsiIsAssignedAtCreateAndConvertsToTheSpecField() {
    xm.file(
        "p.cfg",
        "name = 'p'\nkernel = '/boot/vmlinuz'\nmemory = 64\n"
            + "pci = ['0000:00:19.0']\nvscsi = ['sdb, 0:0:0:1', '0:0:0:0, 0:0:0:2']\n");
    ok(0, "create", "-q", "p.cfg");
    String luns = ok(0, "scsi-list", "p").out();
    assertTrue(luns.contains("0:0:0:1") && luns.contains("0:0:0:2"), luns);
    String spec = ok(0, "convert", "p.cfg").out();
    assertTrue(spec.contains("  pci: [\"0000:00:19.0\"]"), spec);
    assertTrue(spec.contains("  vscsi: [\"sdb, 0:0:0:1\", \"0:0:0:0, 0:0:0:2\"]"), spec);
    xm.file("p2.yaml", spec);
    String cfg = ok(0, "convert", "p2.yaml").out();
    assertTrue(
        cfg.contains("pci = [ '0000:00:19.0@4' ]") || cfg.contains("pci = [ '0000:00:19.0' ]"),
        cfg);
    assertTrue(
        cfg.contains("vscsi = [ 'sdb, 0:0:0:1', '0:0:0:0, 0:0:0:2' ]"),
        "lists, as xm reads them: " + cfg);
  }

  @Test
  void badEntriesAreRefusedWhereTheyAreBeforeAnythingChanges() {
    xm.file(
        "bad.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: p}\nspec:\n  kernel: /boot/vmlinuz\n"
            + "  memory: 64\n  pci: ['00:19']\n  vscsi: ['sdb']\n");
    Xm.Run r = ok(1, "apply", "-f", "bad.yaml");
    assertTrue(
        r.err().contains("bad.yaml:7:") && r.err().contains("'00:19' is not a PCI device"),
        r.err());
    assertTrue(
        r.err().contains("bad.yaml:8:") && r.err().contains("'sdb' is not a SCSI LUN"), r.err());
    xm.file(
        "twice.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: p}\nspec:\n  kernel: /boot/vmlinuz\n"
            + "  memory: 64\n  pci: ['0000:00:19.0']\n  extras: {pci: \"['0000:00:19.0']\"}\n");
    assertTrue(
        ok(1, "diff", "-f", "twice.yaml").err().contains("pci and extras.pci say the same thing"));
    assertTrue(!ok(0, "list").out().contains("\np "), "nothing was made");
    xm.file(
        "dup.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: p}\nspec:\n  kernel: /boot/vmlinuz\n"
            + "  memory: 64\n  pci: ['0000:00:19.0@5', '0000:01:00.0@5', '0000:00:19.0,bogus=1']\n"
            + "  vscsi: ['sdb, 0:0:0:1', '/dev/sdb, 0:0:0:2']\n");
    String err = ok(1, "diff", "-f", "dup.yaml").err();
    assertTrue(
        err.contains("'0000:01:00.0@5' repeats the virtual slot 5 of an earlier entry"), err);
    assertTrue(err.contains("invalid option 'bogus=1'"), err);
    assertTrue(err.contains("'/dev/sdb, 0:0:0:2' repeats sdb of an earlier entry"), err);
  }
}
