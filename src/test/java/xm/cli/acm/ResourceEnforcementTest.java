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

/**
 * Simple Type Enforcement between domains and their disks and VLANs, at boot and at attach, under
 * the example home-banking policy: ram0 holds a Banking partition, ram1 the games disk (Internet).
 */
class ResourceEnforcementTest {
  @TempDir Path dir;
  Xm xm;

  @BeforeEach
  void setUp() throws Exception {
    Path home = dir.resolve("home");
    Path p = home.resolve("policies/example/homebanking-security_policy.xml");
    Files.createDirectories(p.getParent());
    Files.copy(ActivePolicyTest.HOMEBANKING, p);
    xm = new Xm(home, dir);
    ok("addlabel", "res_LogicalDiskPartition1(hda1)", "res", "phy:ram0", "example.homebanking");
    ok("addlabel", "res_GamesDisk", "res", "phy:/dev/ram1", "example.homebanking");
  }

  private void ok(String... args) {
    Xm.Run r = xm.run(args);
    assertEquals(0, r.code(), r.toString());
  }

  private Xm.Run create(String name, String label, String... devices) throws Exception {
    StringBuilder cfg =
        new StringBuilder("kernel = '/boot/k'\nmemory = 16\nname = '" + name + "'\n");
    if (label != null) {
      cfg.append("access_control = ['policy=example.homebanking,label=")
          .append(label)
          .append("']\n");
    }
    for (String d : devices) {
      cfg.append(d).append('\n');
    }
    Path f = dir.resolve(name + ".cfg");
    Files.writeString(f, cfg);
    return xm.run("create", f.toString());
  }

  private void refused(Xm.Run r, String message, String name) {
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.error().startsWith("Error: " + message), r.toString());
    assertFalse(r.err().contains("Exception"), r.err());
    assertEquals(3, xm.run("list", name).code(), name + " was not created");
  }

  @Test
  void aDiskWhoseTypesMeetTheDomainsIsUsedAndOneWhoseDoNotIsRefused() throws Exception {
    ok("loadpolicy", "example.homebanking");
    assertEquals(0, create("bank", "dom_HomeBanking", "disk = ['phy:ram0,xvda,w']").code());
    refused(
        create("bank2", "dom_HomeBanking", "disk = ['phy:ram1,xvda,w']"),
        "VM's access to block device 'phy:ram1' denied: resource label 'res_GamesDisk' [ste_Internet] shares no STE"
            + " type with the domain's label 'dom_HomeBanking' [ste_Banking]",
        "bank2");
  }

  @Test
  void aDiskNoLabelCanNameIsStillDecidedNeverPassedUnchecked() throws Exception {
    // a space: no label can be written for "file:/x/games link.img", but a link of that name to
    // a labeled file is that file (found through its real path), and an unnamed disk is unlabeled
    ok("loadpolicy", "example.homebanking");
    Path img = Files.writeString(dir.resolve("games.img"), "x");
    ok("addlabel", "res_GamesDisk", "res", "file:" + img, "example.homebanking");
    Path link = Files.createSymbolicLink(dir.resolve("games link.img"), img);
    refused(
        create("bank", "dom_HomeBanking", "disk = ['file:" + link + ",xvda,r']"),
        "VM's access to block device 'file:" + link + "' denied: resource label 'res_GamesDisk'",
        "bank");
    refused(
        create("plain", null, "disk = ['file:" + link + ",xvda,r']"),
        "VM must have a security label to access block device 'file:" + link + "'",
        "plain");
    Path other = Files.writeString(dir.resolve("other disk.img"), "x");
    refused(
        create("bank3", "dom_HomeBanking", "disk = ['file:" + other + ",xvda,r']"),
        "VM's access to block device 'file:"
            + other
            + "' denied: resource 'file:"
            + other
            + "' is not labeled",
        "bank3");
    ok(
        "create",
        "-q",
        "/dev/null",
        "name=ok",
        "kernel=/k",
        "memory=16",
        "access_control=policy=example.homebanking,label=dom_HomeBanking");
    Xm.Run attach = xm.run("block-attach", "ok", "file:" + link, "xvdb", "r");
    assertEquals(1, attach.code(), attach.toString());
    assertTrue(attach.error().contains("shares no STE type"), attach.error());
  }

  @Test
  void anUnlabeledDiskIsRefusedToALabeledDomainAndALabeledDiskToAnUnlabeledOne() throws Exception {
    ok("loadpolicy", "example.homebanking");
    Path img = Files.writeString(dir.resolve("disk.img"), "x");
    refused(
        create("bank", "dom_HomeBanking", "disk = ['file:" + img + ",xvda,w']"),
        "VM's access to block device 'file:"
            + img
            + "' denied: resource 'file:"
            + img
            + "' is not labeled; label it"
            + " with 'xm addlabel LABEL res file:"
            + img
            + "'",
        "bank");
    refused(
        create("plain", null, "disk = ['phy:ram0,xvda,w']"),
        "VM must have a security label to access block device 'phy:ram0'",
        "plain");
    assertEquals(
        0,
        create("plain", null, "disk = ['file:" + img + ",xvda,w']").code(),
        "an unlabeled domain may use unlabeled resources");
  }

  @Test
  void withoutAnActivePolicyALabeledResourceCannotBeUsed() throws Exception {
    refused(
        create("plain", null, "disk = ['phy:ram0,xvda,w']"),
        "Security is off, but block device 'phy:ram0' is"
            + " labeled (ACM:example.homebanking:res_LogicalDiskPartition1(hda1)); load its policy with 'xm loadpolicy"
            + " example.homebanking', or remove the label with 'xm rmlabel res phy:/dev/ram0'",
        "plain");
    assertEquals(
        0,
        create("plain", null, "disk = ['phy:ram3,xvda,w']").code(),
        "unlabeled resources are free");
    Xm.Run r = xm.run("block-attach", "plain", "phy:ram1", "xvdb", "w");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.error().startsWith("Error: Security is off, but block device 'phy:ram1' is labeled"),
        r.toString());
    ok("rmlabel", "res", "phy:ram1");
    ok("block-attach", "plain", "phy:ram1", "xvdb", "w");
  }

  @Test
  void blockAttachIsCheckedAndARefusalLeavesTheDomainAsItWas() throws Exception {
    ok("loadpolicy", "example.homebanking");
    assertEquals(0, create("fun", "dom_Fun").code());
    Xm.Run r = xm.run("block-attach", "fun", "phy:ram0", "xvdb", "w");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.error()
            .startsWith(
                "Error: VM's access to block device 'phy:ram0' denied: resource label"
                    + " 'res_LogicalDiskPartition1(hda1)'"),
        r.toString());
    assertEquals(
        "", xm.run("block-list", "fun").out().replaceAll("(?s)^Vdev.*?\n", ""), "nothing attached");
    ok("block-attach", "fun", "phy:ram1", "xvdb", "w");
    assertTrue(xm.run("block-list", "fun").out().contains("51728"), "xvdb attached");
  }

  @Test
  void aVifOnAVlanBridgeNeedsTheVlanLabeledForTheDomain() throws Exception {
    ok("loadpolicy", "example.homebanking");
    assertEquals(
        0,
        create("fun", "dom_Fun", "vif = ['bridge=xenbr0']").code(),
        "a plain bridge is no labeled network");
    Xm.Run r = xm.run("network-attach", "fun", "bridge=xenbr0.42");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.error()
            .startsWith(
                "Error: VM's access to network 'vlan:42' denied: resource 'vlan:42' is not labeled"),
        r.toString());
    refused(
        create("fun2", "dom_StorageDomain", "vif = ['bridge=eth1.42']"),
        "VM's access to network 'vlan:42' denied",
        "fun2");
    ok("addlabel", "res_GamesDisk", "res", "vlan:42", "example.homebanking");
    ok("network-attach", "fun", "bridge=xenbr0.42");
  }

  @Test
  void aResourceLabeledForAnotherPolicyCountsAsUnlabeled() throws Exception {
    Path other = xm.home().resolve("policies/example/other-security_policy.xml");
    Files.writeString(
        other,
        Files.readString(ActivePolicyTest.HOMEBANKING)
            .replace(
                "<PolicyName>example.homebanking</PolicyName>",
                "<PolicyName>example.other</PolicyName>"));
    ok("addlabel", "res_GamesDisk", "res", "phy:ram2", "example.other");
    ok("loadpolicy", "example.homebanking");
    refused(
        create("fun", "dom_Fun", "disk = ['phy:ram2,xvda,w']"),
        "VM's access to block device 'phy:ram2' denied: resource 'phy:/dev/ram2' is not labeled for the active policy"
            + " example.homebanking (it is labeled for example.other)",
        "fun");
    assertEquals(0, create("plain", null, "disk = ['phy:ram2,xvda,w']").code());
  }

  @Test
  void aLinkToALabeledImageFindsItsLabel() throws Exception {
    ok("loadpolicy", "example.homebanking");
    Path img = Files.writeString(dir.resolve("games.img"), "x");
    Path link = Files.createSymbolicLink(dir.resolve("link.img"), img);
    ok("addlabel", "res_GamesDisk", "res", "file:" + link); // stored under the image's real path
    assertEquals(
        "ACM:example.homebanking:res_GamesDisk\n",
        xm.run("getlabel", "res", "file:" + img.toRealPath()).out());
    refused(
        create("plain", null, "disk = ['file:" + link + ",xvda,w']"),
        "VM must have a security label to access block" + " device 'file:" + link + "'",
        "plain");
    assertEquals(
        0,
        create("fun", "dom_Fun", "disk = ['file:" + link + ",xvda,w']").code(),
        "the link reaches the label");
  }

  @Test
  void aRunningDomainsDisksAreCheckedWhenAPolicyIsLoadedOrAResourceRelabeled() throws Exception {
    ok("loadpolicy", "example.homebanking");
    assertEquals(0, create("fun", "dom_Fun", "disk = ['phy:ram1,xvda,w']").code());
    Xm.Run relabel = xm.run("addlabel", "res_LogicalDiskPartition1(hda1)", "res", "phy:ram1");
    assertEquals(1, relabel.code(), relabel.toString());
    assertTrue(
        relabel
            .error()
            .startsWith(
                "Error: Resource 'phy:/dev/ram1' is in use by domain fun on host localhost,"
                    + " which its new label would deny"),
        relabel.toString());
    Path p = xm.home().resolve("policies/example/homebanking-security_policy.xml");
    Files.writeString(
        p,
        Files.readString(p)
            .replace(
                "<Name>res_GamesDisk</Name>\n        <SimpleTypeEnforcementTypes>\n"
                    + "          <Type>ste_Internet</Type>",
                "<Name>res_GamesDisk</Name>\n        <SimpleTypeEnforcementTypes>\n"
                    + "          <Type>ste_Banking</Type>"));
    Xm.Run load = xm.run("loadpolicy", "example.homebanking");
    assertEquals(1, load.code(), load.toString());
    assertTrue(
        load.error().contains("running domain fun would lose its block device phy:ram1"),
        load.toString());
  }

  @Test
  void loadpolicyRepairsADamagedActivePolicyRecord() throws Exception {
    ok("loadpolicy", "example.homebanking");
    Files.writeString(xm.home().resolve("hosts/localhost/acm-active"), "garbage");
    assertEquals(1, xm.run("list", "--label").code());
    ok("loadpolicy", "example.homebanking");
    assertEquals(0, xm.run("list", "--label").code());
  }

  @Test
  void aPolicyUpdateThatRenamesAResourceLabelRelabelsTheResources() throws Exception {
    ok("loadpolicy", "example.homebanking");
    assertEquals(0, create("fun", "dom_Fun", "disk = ['phy:ram1,xvda,w']").code());
    Path p = xm.home().resolve("policies/example/homebanking-security_policy.xml");
    Files.writeString(
        p,
        Files.readString(p)
            .replace(
                "<Name>res_GamesDisk</Name>", "<Name from=\"res_GamesDisk\">res_Games</Name>"));
    Xm.Run load = xm.run("loadpolicy", "example.homebanking");
    assertEquals(0, load.code(), load.toString());
    assertEquals(
        "ACM:example.homebanking:res_Games\n", xm.run("getlabel", "res", "phy:ram1").out());
    assertTrue(
        xm.run("log")
            .out()
            .contains(
                "Resource phy:/dev/ram1 relabeled ACM:example.homebanking:res_GamesDisk ->"
                    + " ACM:example.homebanking:res_Games."));
  }
}
