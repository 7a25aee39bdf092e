package xm.cli.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.hypervisor.ResourceLabels;
import xm.testing.Xm;

/** The global resource label store through addlabel/getlabel/rmlabel res and resources. */
class ResourceLabelsTest {
  @TempDir Path dir;
  Xm xm;

  @BeforeEach
  void setUp() throws Exception {
    Path home = dir.resolve("home");
    Path p = home.resolve("policies/example/homebanking-security_policy.xml");
    Files.createDirectories(p.getParent());
    Files.copy(ActivePolicyTest.HOMEBANKING, p);
    xm = new Xm(home);
  }

  @Test
  void labelsAreAddedShownListedAndRemoved() {
    assertEquals(0, xm.run("loadpolicy", "example.homebanking").code());
    Xm.Run add = xm.run("addlabel", "res_GamesDisk", "res", "phy:hda6");
    assertEquals(0, add.code(), add.toString());
    assertEquals(
        "ACM:example.homebanking:res_GamesDisk\n",
        new Xm(xm.home()).run("getlabel", "res", "phy:/dev/hda6").out());
    assertEquals(
        0, xm.run("addlabel", "res_GamesDisk", "res", "vlan:7", "example.homebanking").code());
    assertEquals(
        "phy:/dev/hda6\n      type: ACM\n    policy: example.homebanking\n     label: res_GamesDisk\n"
            + "vlan:7\n      type: ACM\n    policy: example.homebanking\n     label: res_GamesDisk\n",
        xm.run("resources").out());
    assertEquals(0, xm.run("rmlabel", "res", "phy:hda6").code());
    Xm.Run gone = xm.run("getlabel", "res", "phy:hda6");
    assertEquals(1, gone.code());
    assertEquals("Error: 'Resource not labeled'", gone.error());
    assertEquals("Error: 'Resource not labeled'", xm.run("rmlabel", "res", "phy:hda6").error());
  }

  @Test
  void badInputChangesNothing() throws Exception {
    Xm.Run noPolicy = xm.run("addlabel", "res_GamesDisk", "res", "phy:hda6");
    assertEquals(1, noPolicy.code(), noPolicy.toString());
    assertTrue(
        noPolicy.error().contains("No access control policy is active"), noPolicy.toString());
    Xm.Run vmLabel = xm.run("addlabel", "dom_Fun", "res", "phy:hda6", "example.homebanking");
    assertEquals(1, vmLabel.code());
    assertTrue(
        vmLabel.error().contains("is not a resource label of policy example.homebanking"),
        vmLabel.toString());
    Xm.Run unknown = xm.run("addlabel", "res_GamesDisk", "res", "phy:hda6", "example.nosuch");
    assertTrue(unknown.error().contains("no such policy file"), unknown.toString());
    Xm.Run badRes = xm.run("addlabel", "res_GamesDisk", "res", "nfs:x", "example.homebanking");
    assertTrue(badRes.error().contains("invalid resource 'nfs:x'"), badRes.toString());
    assertFalse(Files.exists(xm.home().resolve("security/resource_labels")));
    assertEquals("", xm.run("resources").out());
  }

  @Test
  void aDamagedStoreIsALocatedError() throws Exception {
    Path f = xm.home().resolve("security/resource_labels");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "phy:/dev/hda6\tACM\texample.homebanking\tres_GamesDisk\ngarbage\n");
    Xm.Run r = xm.run("resources");
    assertEquals(1, r.code());
    assertEquals(
        "Error: "
            + f
            + ":2: damaged resource label (expected RESOURCE<TAB>ACM<TAB>POLICY<TAB>LABEL); fix or remove"
            + " that line",
        r.error());
  }

  @Test
  void aHandEditedStoreWithNamesXmNeverWritesIsALocatedError() throws Exception {
    Path f = xm.home().resolve("security/resource_labels");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "phy:hda7\tACM\texample.homebanking\tres_GamesDisk\n");
    Xm.Run r = xm.run("resources");
    assertEquals(
        "Error: "
            + f
            + ":1: 'phy:hda7' is not a resource name xm writes (it is phy:/dev/hda7); fix or remove"
            + " that line",
        r.error());
    Files.writeString(
        f,
        "vlan:7\tACM\texample.homebanking\tres_GamesDisk\nvlan:7\tACM\texample.homebanking\tx\n");
    assertEquals(
        "Error: " + f + ":2: 'vlan:7' is labeled twice; keep one line for it",
        xm.run("resources").error());
    assertEquals(
        1,
        xm.run("create", "/dev/null", "name=u", "kernel=/k", "memory=16", "disk=phy:hda7,xvda,w")
            .code(),
        "a damaged store fails closed");
  }

  @Test
  void lookAlikeNamesAreRefused() {
    for (String bad :
        new String[] {
          "phy:hda1 ",
          "phy:has space",
          "phy:a:b",
          "vlan:0",
          "vlan:4095",
          "vlan:99999",
          "file:/" + "a".repeat(200_000)
        }) {
      Xm.Run r = xm.run("addlabel", "res_GamesDisk", "res", bad, "example.homebanking");
      assertEquals(1, r.code(), bad + ": " + r);
      assertTrue(r.error().startsWith("Error: invalid resource"), r.toString());
    }
    assertTrue(
        xm.run("addlabel", "res_GamesDisk", "res", "vlan:99999", "example.homebanking")
            .error()
            .contains("a VLAN is vlan:N with N from 1 to 4094"));
  }

  @Test
  void aFullStoreRefusesMoreLabelsButStillLetsThemBeRemoved() throws Exception {
    Path f = xm.home().resolve("security/resource_labels");
    Files.createDirectories(f.getParent());
    StringBuilder b = new StringBuilder();
    for (int i = 1; b.length() < ResourceLabels.MAX_BYTES - 60; i++) {
      b.append("file:/images/disk")
          .append(i)
          .append(".img\tACM\texample.homebanking\tres_GamesDisk\n");
    }
    Files.writeString(f, b);
    Xm.Run more =
        xm.run(
            "addlabel", "res_GamesDisk", "res", "file:/" + "a".repeat(200), "example.homebanking");
    assertEquals(1, more.code(), more.toString());
    assertTrue(more.error().contains("is full"), more.toString());
    Files.writeString(
        f,
        b
            + "file:/images/extra.img\tACM\texample.homebanking\tres_GamesDisk\n".repeat(1)
            + "file:/images/extra2.img\tACM\texample.homebanking\tres_GamesDisk\n");
    assertEquals(1, xm.run("resources").code(), "grown past the bound by hand");
    Xm.Run rm = xm.run("rmlabel", "res", "file:/images/extra2.img");
    assertEquals(0, rm.code(), rm.toString());
  }

  @Property(tries = 200)
  void canonicalNamesAreFixedPointsOrRefused(@ForAll String resource) {
    String c;
    try {
      c = ResourceLabels.canonical(resource);
    } catch (xm.diag.XmException e) {
      assertTrue(e.getMessage().startsWith("invalid resource"), e.getMessage());
      return;
    }
    assertEquals(c, ResourceLabels.canonical(c));
  }
}
