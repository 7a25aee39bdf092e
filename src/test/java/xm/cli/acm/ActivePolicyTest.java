package xm.cli.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Xm;

/** The host's active policy end to end: loadpolicy, dumppolicy, persistence, refusals. */
class ActivePolicyTest {
  static final Path HOMEBANKING =
      Path.of("src/test/resources/acm/example/homebanking-security_policy.xml");

  @TempDir Path dir;
  Xm xm;
  Path host;

  @BeforeEach
  void setUp() throws Exception {
    Path home = dir.resolve("home");
    Path p = home.resolve("policies/example/homebanking-security_policy.xml");
    Files.createDirectories(p.getParent());
    Files.copy(HOMEBANKING, p);
    // the same labels, but cw_Sensitive and cw_Isolated conflict instead (bank and fun may run
    // together)
    Files.writeString(
        p.resolveSibling("lenient-security_policy.xml"),
        Files.readString(HOMEBANKING)
            .replace(
                "<PolicyName>example.homebanking</PolicyName>",
                "<PolicyName>example.lenient</PolicyName>")
            .replace(
                "<Type>cw_Sensitive</Type>\n        <Type>cw_Distrusted</Type>\n      </Conflict>",
                "<Type>cw_Sensitive</Type>\n        <Type>cw_Isolated</Type>\n      </Conflict>"));
    xm = new Xm(home);
    host = home.resolve("hosts/localhost");
  }

  private Xm.Run create(String name, String policy, String label) throws Exception {
    Path cfg = dir.resolve(name + ".cfg");
    Files.writeString(
        cfg,
        "kernel = '/boot/k'\nmemory = 16\nname = '"
            + name
            + "'\n"
            + "access_control = ['policy="
            + policy
            + ",label="
            + label
            + "']\n");
    return xm.run("create", cfg.toString());
  }

  private void labeled(String name, String policy, String label) throws Exception {
    Xm.Run r = create(name, policy, label);
    assertEquals(0, r.code(), r.toString());
  }

  @Test
  void noPolicyAtFirst() {
    Xm.Run r = xm.run("dumppolicy");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.error().startsWith("Error: No access control policy is active"), r.toString());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void loadedPolicyIsDumpedAndReadBackByAnotherProcess() {
    Xm.Run r = xm.run("loadpolicy", "example.homebanking");
    assertEquals(0, r.code(), r.toString());
    assertEquals("Successfully loaded policy 'example.homebanking'.\n", r.out());
    Xm.Run d = new Xm(xm.home()).run("dumppolicy");
    assertEquals(0, d.code(), d.toString());
    assertTrue(d.out().contains("POLICY REFERENCE = example.homebanking.\n"), d.out());
    // cw types by name: cw_Distrusted cw_Isolated cw_Management cw_Sensitive; ssidref 1 is the
    // bootstrap label
    assertTrue(
        d.out().contains("   ssidref 0:  00 00 00 00\n   ssidref 1:  00 00 01 00\n"), d.out());
    assertTrue(d.out().contains("   c-set 0:    01 00 00 01\n"), d.out());
  }

  @Test
  void unknownPolicyIsRefused() {
    Xm.Run r = xm.run("loadpolicy", "example.nosuch");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.error().startsWith("Error: ")
            && r.error().contains("nosuch-security_policy.xml: no such policy file"),
        r.toString());
    assertEquals(1, xm.run("dumppolicy").code());
  }

  @Test
  void badPolicyNameIsRefused() {
    Xm.Run r = xm.run("loadpolicy", "../etc");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.error().contains("invalid policy name"), r.toString());
  }

  @Test
  void refusedWithRunningConflictingDomainsAndNothingChanges() throws Exception {
    assertEquals(0, xm.run("loadpolicy", "example.lenient").code());
    labeled("bank", "example.lenient", "dom_HomeBanking");
    labeled("fun", "example.lenient", "dom_Fun");
    // an update of example.lenient whose conflict set keeps bank and fun apart
    Path lenient = xm.home().resolve("policies/example/lenient-security_policy.xml");
    Files.writeString(
        lenient,
        Files.readString(HOMEBANKING)
            .replace(
                "<PolicyName>example.homebanking</PolicyName>",
                "<PolicyName>example.lenient</PolicyName>"));
    Xm.Run r = xm.run("loadpolicy", "example.lenient");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.error().contains("running domains bank and fun would conflict: conflict set Protection"),
        r.toString());
    assertEquals("policy example.lenient\n", Files.readString(host.resolve("acm-active")));
    assertTrue(xm.run("dumppolicy").out().contains("POLICY REFERENCE = example.lenient."));
    assertEquals(0, xm.run("destroy", "fun").code());
    assertEquals(0, xm.run("loadpolicy", "example.lenient").code());
    Xm.Run l = xm.run("list", "--label");
    assertTrue(l.out().contains("ACM:example.lenient:dom_Management"), l.out());
    assertTrue(l.out().contains("ACM:example.lenient:dom_HomeBanking"), l.out());
  }

  @Test
  void anotherPolicyIsRefusedWhileDomainsHoldLabelsOfTheActiveOne() throws Exception {
    assertEquals(0, xm.run("loadpolicy", "example.lenient").code());
    labeled("bank", "example.lenient", "dom_HomeBanking");
    Xm.Run r = xm.run("loadpolicy", "example.homebanking");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.error()
            .contains(
                "running domain bank holds a label of policy example.lenient, which"
                    + " example.homebanking neither is nor updates (it has no FromPolicy); stop or relabel bank first"),
        r.toString());
    assertEquals("policy example.lenient\n", Files.readString(host.resolve("acm-active")));
    assertEquals(0, xm.run("destroy", "bank").code());
    assertEquals(
        0,
        xm.run("loadpolicy", "example.homebanking").code(),
        "with no domain of the old policy left");
  }

  @Test
  void chineseWallDeniesASecondDomainAndTheLabelShowsInList() throws Exception {
    assertEquals(0, xm.run("loadpolicy", "example.homebanking").code());
    labeled("bank", "example.homebanking", "dom_HomeBanking");
    Xm.Run r = create("fun", "example.homebanking", "dom_Fun");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.error()
            .startsWith(
                "Error: Domain in conflict set with running domain? (dom_Fun against bank labeled dom_HomeBanking:"),
        r.toString());
    assertEquals(3, xm.run("list", "fun").code(), "fun was not created");
    Xm.Run l = xm.run("list", "--label");
    assertTrue(l.out().contains("ACM:example.homebanking:dom_HomeBanking"), l.out());
    assertFalse(l.out().contains("INV_ACM"), l.out());
  }

  @Test
  void labeledDomainsAreRefusedWithoutOrOutsideThePolicy() throws Exception {
    Xm.Run none = create("bank", "example.homebanking", "dom_HomeBanking");
    assertEquals(1, none.code(), none.toString());
    assertTrue(none.error().contains("no access control policy is active"), none.toString());
    assertEquals(0, xm.run("loadpolicy", "example.homebanking").code());
    Xm.Run odd = create("odd", "example.homebanking", "dom_Nobody");
    assertEquals(1, odd.code(), odd.toString());
    assertTrue(odd.error().contains("does not define label 'dom_Nobody'"), odd.toString());
    Xm.Run other = create("other", "example.lenient", "dom_Fun");
    assertEquals(1, other.code(), other.toString());
    assertTrue(
        other.error().contains("the active policy is example.homebanking"), other.toString());
  }

  @Test
  void damagedStoredPolicyIsALocatedError() throws Exception {
    assertEquals(0, xm.run("loadpolicy", "example.homebanking").code());
    Path copy = host.resolve("acm-example.homebanking.xml");
    Files.writeString(copy, Files.readString(copy).replace("</PolicyHeader>", "</PolicyHeaderX>"));
    Xm.Run r = xm.run("dumppolicy");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.error().startsWith("Error: " + copy), r.toString());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void cfgbootpolicyAddsThePolicyModuleToTheBootEntryOnce() throws Exception {
    Xm.Run r = xm.run("cfgbootpolicy", "example.homebanking");
    assertEquals(0, r.code(), r.toString());
    assertEquals(
        "Boot entry 'Xen 3.0 / XenLinux 2.6.18.8-xen' now loads policy example.homebanking (active from the next host boot).\n",
        r.out());
    assertEquals(0, xm.run("cfgbootpolicy", "example.homebanking", "2.6.18.8-xen").code());
    String menu = Files.readString(host.resolve("boot/menu.lst"));
    assertTrue(
        menu.contains("\tmodule /boot/initrd-2.6.18.8-xen.img\n\tmodule /boot/homebanking.bin\n"),
        menu);
    assertEquals(menu.indexOf("homebanking.bin"), menu.lastIndexOf("homebanking.bin"), menu);
    assertEquals(
        1, xm.run("dumppolicy").code(), "the boot policy is not active before a host boot");
  }

  @Test
  void cfgbootpolicyForAnUnknownKernelIsRefused() {
    Xm.Run r = xm.run("cfgbootpolicy", "example.homebanking", "9.9");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.error().contains("menu.lst: no boot entry for kernel version 9.9"), r.toString());
  }

  @Test
  void aPolicyUpdateThatRenamesALabelRelabelsTheDomainsHoldingIt() throws Exception {
    assertEquals(0, xm.run("loadpolicy", "example.homebanking").code());
    labeled("fun", "example.homebanking", "dom_Fun");
    Path p = xm.home().resolve("policies/example/homebanking-security_policy.xml");
    String text = Files.readString(p);
    assertTrue(text.contains("<Name>dom_Fun</Name>"));
    Files.writeString(
        p, text.replace("<Name>dom_Fun</Name>", "<Name from=\"dom_Fun\">dom_Games</Name>"));
    Xm.Run r = xm.run("loadpolicy", "example.homebanking");
    assertEquals(0, r.code(), r.toString());
    Xm.Run l = xm.run("list", "--label", "fun");
    assertTrue(l.out().contains("ACM:example.homebanking:dom_Games"), l.out());
    assertFalse(l.out().contains("INV_ACM"), l.out());
    assertTrue(
        xm.run("log")
            .out()
            .contains("relabeled example.homebanking:dom_Fun -> example.homebanking:dom_Games."));
  }

  @Test
  void aHostRebootActivatesTheBootPolicyAndNeedsForceToPowerOffGuests() throws Exception {
    assertEquals(0, xm.run("cfgbootpolicy", "example.homebanking").code());
    assertEquals(0, xm.run("create", "/dev/null", "name=plain", "kernel=/k", "memory=16").code());
    Xm.Run refused = xm.run("host", "reboot");
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(
        refused
            .error()
            .contains(
                "runs 1 guest domain(s) (plain); shut them down first, or reboot with --force"),
        refused.toString());
    assertEquals(0, xm.run("list", "plain").code(), "nothing changed");
    assertEquals(1, xm.run("dumppolicy").code(), "no policy yet");
    Xm.Run r = xm.run("host", "reboot", "--force");
    assertEquals(
        "Host localhost rebooted; boot policy example.homebanking is active.\n",
        r.out(),
        r.toString());
    assertEquals(3, xm.run("list", "plain").code(), "the guest went with the reboot");
    assertTrue(xm.run("list", "--label").out().contains("ACM:example.homebanking:dom_Management"));
    Xm.Run again =
        new Xm(xm.home()).run("create", "/dev/null", "name=next", "kernel=/k", "memory=16");
    assertTrue(
        again.out().contains("Started domain next (id=1)"), "domain ids start again: " + again);
  }

  @Test
  void aDamagedBootPolicyStopsTheRebootBeforeAnythingChanges() throws Exception {
    assertEquals(0, xm.run("cfgbootpolicy", "example.homebanking").code());
    assertEquals(0, xm.run("create", "/dev/null", "name=plain", "kernel=/k", "memory=16").code());
    Path bin = host.resolve("boot/homebanking.bin");
    byte[] b = Files.readAllBytes(bin);
    b[b.length - 1] ^= 1;
    Files.write(bin, b);
    Xm.Run r = xm.run("host", "reboot", "--force");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.error()
            .startsWith("Error: " + bin + ": binary policy is damaged (checksum does not match)"),
        r.toString());
    assertEquals(0, xm.run("list", "plain").code(), "the guest still runs");
    assertEquals(1, xm.run("dumppolicy").code(), "no policy was activated");
  }

  @Test
  void aRebootWithoutABootPolicyLeavesNoPolicyActive() {
    assertEquals(0, xm.run("loadpolicy", "example.homebanking").code());
    Xm.Run r = xm.run("host", "reboot");
    assertEquals(
        "Host localhost rebooted; no access control policy is active.\n", r.out(), r.toString());
    assertEquals(1, xm.run("dumppolicy").code());
  }

  @Test
  void aBootMenuThatCannotBeHonouredStopsTheRebootWithItsLine() throws Exception {
    assertEquals(0, xm.run("cfgbootpolicy", "example.homebanking").code());
    Path menu = host.resolve("boot/menu.lst");
    String good = Files.readString(menu);
    Files.writeString(menu, good.replace("default 0", "default 5"));
    Xm.Run r = xm.run("host", "reboot");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.error()
            .startsWith("Error: " + menu + ":1: 'default 5' names no boot entry (the menu has 1)"),
        r.toString());
    Files.writeString(
        menu, good.replace("module /boot/homebanking.bin", "module /boot/homebanking.bin extra"));
    r = xm.run("host", "reboot");
    assertTrue(
        r.error().contains(": a policy module takes no arguments, not 'extra'"), r.toString());
    assertEquals(1, xm.run("dumppolicy").code(), "no reboot happened");
    // GRUB's '=' after a command is read as GRUB reads it
    Files.writeString(
        menu,
        good.replace("default 0", "default=0")
            .replace("module /boot/homebanking.bin", "module=/boot/homebanking.bin"));
    assertEquals(
        "Host localhost rebooted; boot policy example.homebanking is active.\n",
        xm.run("host", "reboot").out());
  }

  @Test
  void cfgbootpolicyWillNotSwapThePolicyAnotherEntryBoots() throws Exception {
    Path other = xm.home().resolve("policies/x/homebanking-security_policy.xml");
    Files.createDirectories(other.getParent());
    Files.writeString(
        other,
        Files.readString(HOMEBANKING)
            .replace(
                "<PolicyName>example.homebanking</PolicyName>",
                "<PolicyName>x.homebanking</PolicyName>"));
    assertEquals(0, xm.run("cfgbootpolicy", "example.homebanking").code());
    Path menu = host.resolve("boot/menu.lst");
    Files.writeString(
        menu,
        Files.readString(menu) + "\ntitle Xen 3.0 / XenLinux 2.6.99-xen\n\tkernel /boot/xen.gz\n");
    Xm.Run r = xm.run("cfgbootpolicy", "x.homebanking", "2.6.99-xen");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.error()
            .contains(
                "boots policy example.homebanking from /boot/homebanking.bin, the file x.homebanking"
                    + " would be written to"),
        r.toString());
    assertEquals(
        "Host localhost rebooted; boot policy example.homebanking is active.\n",
        xm.run("host", "reboot").out());
  }
}
