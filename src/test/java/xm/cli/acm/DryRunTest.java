package xm.cli.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Xm;

/**
 * {@code xm dry-run}: Xen's report, decided as create decides, exit 255 when it FAILED; nothing is
 * created.
 */
class DryRunTest {
  @TempDir Path dir;
  Xm xm;

  @BeforeEach
  void setUp() throws Exception {
    Path p = dir.resolve("home/policies/example/homebanking-security_policy.xml");
    Files.createDirectories(p.getParent());
    Files.copy(ActivePolicyTest.HOMEBANKING, p);
    xm = new Xm(dir.resolve("home"), dir);
    Files.writeString(
        dir.resolve("bank.cfg"),
        "name = 'bank'\nkernel = '/k'\nmemory = 64\n"
            + "disk = ['phy:ram0,xvda,w', 'phy:ram1,xvdb,r']\nvif = ['bridge=xenbr0', 'bridge=xenbr0.42']\n"
            + "access_control = ['policy=example.homebanking,label=dom_HomeBanking']\n");
  }

  private Xm.Run dryRun(String cfg) {
    Xm.Run r = xm.run("dry-run", cfg);
    assertEquals("", r.err(), r.toString());
    assertEquals(3, xm.run("list", "bank").code(), "a dry run creates nothing");
    return r;
  }

  @Test
  void aLabeledDomainWithoutAnActivePolicyFailsAndItsResourcesAreSkipped() {
    Xm.Run r = dryRun("bank.cfg");
    assertEquals(255, r.code());
    assertEquals(
        "Checking domain:\n   bank: DENIED\n   --> Security off, but domain labeled\n"
            + "Checking resources: (skipped)\nDry Run: FAILED\n",
        r.out());
  }

  @Test
  void eachResourceIsDecidedAndOneDenialFailsTheRun() {
    assertEquals(0, xm.run("loadpolicy", "example.homebanking").code());
    assertEquals(
        0, xm.run("addlabel", "res_LogicalDiskPartition1(hda1)", "res", "phy:ram0").code());
    assertEquals(0, xm.run("addlabel", "res_GamesDisk", "res", "phy:ram1").code());
    Xm.Run r = dryRun("bank.cfg");
    assertEquals(255, r.code());
    assertEquals(
        "Checking domain:\n   bank: PERMITTED\nChecking resources:\n   phy:ram0: PERMITTED\n"
            + "   phy:ram1: DENIED\n   --> res: res_GamesDisk (ACM:example.homebanking)\n"
            + "   --> dom: dom_HomeBanking (ACM:example.homebanking)\n"
            + "   --> resource label 'res_GamesDisk' [ste_Internet] shares no STE type with the domain's label"
            + " 'dom_HomeBanking' [ste_Banking]\n"
            + "   vlan:42: DENIED\n   --> res: __UNLABELED__ (ACM:NULL)\n"
            + "   --> dom: dom_HomeBanking (ACM:example.homebanking)\n"
            + "   --> resource 'vlan:42' is not labeled; label it with 'xm addlabel LABEL res vlan:42'\n"
            + "Dry Run: FAILED\n",
        r.out());
  }

  @Test
  void whatTheDryRunPassesCreateStarts() throws Exception {
    assertEquals(0, xm.run("loadpolicy", "example.homebanking").code());
    assertEquals(
        0, xm.run("addlabel", "res_LogicalDiskPartition1(hda1)", "res", "phy:ram0").code());
    Files.writeString(
        dir.resolve("ok.cfg"),
        "name = 'bank'\nkernel = '/k'\nmemory = 64\ndisk = ['phy:ram0,xvda,w']\n"
            + "vif = ['bridge=xenbr0']\naccess_control = ['policy=example.homebanking,label=dom_HomeBanking']\n");
    Xm.Run r = dryRun("ok.cfg");
    assertEquals(0, r.code());
    assertEquals(
        "Checking domain:\n   bank: PERMITTED\nChecking resources:\n   phy:ram0: PERMITTED\nDry Run: PASSED\n",
        r.out());
    assertEquals(0, xm.run("create", "ok.cfg").code());
  }

  @Test
  void aLabelThePolicyDoesNotDefineIsDenied() throws Exception {
    assertEquals(0, xm.run("loadpolicy", "example.homebanking").code());
    Files.writeString(
        dir.resolve("odd.cfg"),
        "name = 'bank'\nkernel = '/k'\nmemory = 64\n"
            + "access_control = ['policy=example.homebanking,label=dom_Nobody']\n");
    Xm.Run r = dryRun("odd.cfg");
    assertEquals(255, r.code());
    assertTrue(
        r.out()
            .contains(
                "   bank: DENIED\n   --> Domain is labeled ACM:example.homebanking:dom_Nobody but policy"
                    + " example.homebanking does not define label 'dom_Nobody'\n"),
        r.out());
  }

  @Test
  void anUnlabeledDomainWithUnlabeledResourcesPasses() throws Exception {
    assertEquals(0, xm.run("loadpolicy", "example.homebanking").code());
    Files.writeString(
        dir.resolve("plain.cfg"),
        "name = 'bank'\nkernel = '/k'\nmemory = 64\ndisk = ['phy:ram3,xvda,w']\n");
    assertEquals(0, dryRun("plain.cfg").code());
  }

  @Test
  void withSecurityOffALabeledResourceFails() throws Exception {
    assertEquals(
        0, xm.run("addlabel", "res_GamesDisk", "res", "phy:ram1", "example.homebanking").code());
    Files.writeString(
        dir.resolve("plain.cfg"),
        "name = 'bank'\nkernel = '/k'\nmemory = 64\ndisk = ['phy:ram1,xvda,w']\n");
    Xm.Run r = dryRun("plain.cfg");
    assertEquals(255, r.code());
    assertEquals(
        "Checking domain:\n   bank: PERMITTED\nChecking resources:\n   phy:ram1: DENIED\n"
            + "   --> res: res_GamesDisk (ACM:example.homebanking)\n   --> dom: __UNLABELED__ (ACM:NULL)\n"
            + "   --> Security is off, but block device 'phy:ram1' is labeled (ACM:example.homebanking:res_GamesDisk); load"
            + " its policy with 'xm loadpolicy example.homebanking', or remove the label with 'xm rmlabel res phy:/dev/ram1'\n"
            + "Dry Run: FAILED\n",
        r.out());
  }

  @Test
  void aBadConfigIsAnErrorNotADecision() throws Exception {
    Files.writeString(dir.resolve("bad.cfg"), "name = 'bank'\nkernel = '/k'\nmemory = (64\n");
    Xm.Run r = xm.run("dry-run", "bad.cfg");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.error().startsWith("Error: ") && r.error().contains("bad.cfg:4:1: expected ')'"),
        r.toString());
    assertEquals(1, xm.run("dry-run").code());
  }
}
