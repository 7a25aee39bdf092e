package xm.cli.acm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.acm.PolicyBin;
import xm.acm.PolicyMap;
import xm.acm.PolicyXml;
import xm.testing.Xm;

/** makepolicy, labels, addlabel, rmlabel and getlabel on files, end to end through {@link Xm}. */
class AcmFileCommandsTest {
  @TempDir Path home;
  Xm xm;
  Path policies;

  @BeforeEach
  void setUp() throws IOException {
    xm = new Xm(home);
    policies = home.resolve("policies");
    Files.createDirectories(policies.resolve("example"));
    Files.copy(
        Path.of("policies/example/web-security_policy.xml"),
        policies.resolve("example/web-security_policy.xml"));
  }

  @Test
  void makepolicyWritesTheMapAndACheckedBin() throws IOException {
    Xm.Run r = xm.run("makepolicy", "example.web");
    assertEquals(0, r.code(), r.toString());
    assertEquals("", r.out());
    Path xml = policies.resolve("example/web-security_policy.xml");
    assertEquals(
        PolicyMap.render(PolicyXml.read(xml), policies.toString()),
        Files.readString(policies.resolve("example/web.map")));
    byte[] bytes = Files.readAllBytes(xml);
    PolicyBin.Compiled c =
        PolicyBin.read(
            "web.bin",
            Files.readAllBytes(policies.resolve("example/web.bin")),
            bytes,
            "example.web");
    assertEquals(PolicyBin.compile(PolicyXml.read(xml), bytes), c);
  }

  @Test
  void makepolicyHonoursXmPolicyRoot(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("example"));
    Files.copy(
        Path.of("policies/example/web-security_policy.xml"),
        root.resolve("example/web-security_policy.xml"));
    assertEquals(
        0, xm.env("XM_POLICY_ROOT", root.toString()).run("makepolicy", "example.web").code());
    assertTrue(Files.exists(root.resolve("example/web.bin")));
    assertFalse(Files.exists(policies.resolve("example/web.bin")));
  }

  @Test
  void makepolicyBadInput() throws IOException {
    assertError(xm.run("makepolicy", "../etc"), "Error: invalid policy name '../etc'");
    assertError(xm.run("makepolicy", "example.none"), "Error: Policy 'example.none' not found");
    assertError(xm.run("makepolicy"), "Error: 'xm makepolicy' requires 1 argument.");
    Path xml = policies.resolve("example/web-security_policy.xml");
    Files.writeString(policies.resolve("example/other-security_policy.xml"), Files.readString(xml));
    assertError(
        xm.run("makepolicy", "example.other"),
        "Error: "
            + policies.resolve("example/other-security_policy.xml")
            + ": the policy is named 'example.web'");
    Files.writeString(
        xml, Files.readString(xml).replace("</PolicyHeader>", "</PolicyHeader><Junk/>"));
    Xm.Run r = xm.run("makepolicy", "example.web");
    assertError(r, "Error: " + xml + ":");
    assertFalse(Files.exists(policies.resolve("example/web.bin")));
    assertFalse(Files.exists(policies.resolve("example/web.map")));
  }

  @Test
  void labelsOfANamedPolicyByType() {
    assertEquals(
        "SystemManagement\nbatch\ncache\ndb\nstorage\nweb\n",
        xm.run("labels", "example.web").out());
    assertEquals(
        "SystemManagement\nbatch\ncache\ndb\nstorage\nweb\n",
        xm.run("labels", "example.web", "type=dom").out());
    assertEquals(
        "batch_disk\ndb_disk\nfrontnet\nstorage_disk\nweb_disk\n",
        xm.run("labels", "type=res", "example.web").out());
    assertEquals(11, xm.run("labels", "example.web", "type=any").out().lines().count());
  }

  @Test
  void labelsBadInput() {
    assertError(xm.run("labels"), "Error: No policy active, you must specify a <policy>");
    assertError(xm.run("labels", "example.web", "type=vm"), "Error: Invalid label type 'vm'");
    assertError(
        xm.run("labels", "example.web", "example.web"), "Error: 'xm labels' takes one policy");
    assertError(xm.run("labels", "a..b"), "Error: invalid policy name 'a..b'");
  }

  @Test
  void addGetRmLabelOnAConfigFile() throws IOException {
    String original = "# web\nname = \"web1\"\nmemory = 256"; // no final newline
    Path cfg = home.resolve("web1.cfg");
    Files.writeString(cfg, original);
    assertError(xm.run("getlabel", "dom", "web1.cfg"), "Error: 'Domain not labeled'");
    Xm.Run add = xm.run("addlabel", "web", "dom", "web1.cfg", "example.web");
    assertEquals(0, add.code(), add.toString());
    assertEquals(
        original + "\naccess_control = ['policy=example.web,label=web']\n", Files.readString(cfg));
    assertEquals(
        "policytype=ACM,policy=example.web,label=web\n",
        xm.run("getlabel", "dom", "web1.cfg").out());
    assertError(
        xm.run("addlabel", "db", "dom", "web1.cfg", "example.web"),
        "Error: web1.cfg is already labeled (policy=example.web,label=web)");
    assertEquals(0, xm.run("rmlabel", "dom", "web1.cfg").code());
    assertEquals(original + "\n", Files.readString(cfg));
    assertError(xm.run("rmlabel", "dom", "web1.cfg"), "Error: 'Domain not labeled'");
  }

  @Test
  void rmlabelRemovesAMultiLineAssignmentOnly() throws IOException {
    Path cfg = home.resolve("d.cfg");
    Files.writeString(
        cfg, "name = 'd'\naccess_control = [\n  'policy=example.web,label=db',\n]\nmemory = 64\n");
    assertEquals(
        "policytype=ACM,policy=example.web,label=db\n", xm.run("getlabel", "dom", "d.cfg").out());
    assertEquals(0, xm.run("rmlabel", "dom", "d.cfg").code());
    assertEquals("name = 'd'\nmemory = 64\n", Files.readString(cfg));
  }

  @Test
  void addlabelBadInputChangesNothing() throws IOException {
    Path cfg = home.resolve("web1.cfg");
    Files.writeString(cfg, "name = 'web1'\n");
    byte[] before = Files.readAllBytes(cfg);
    assertError(
        xm.run("addlabel", "nosuch", "dom", "web1.cfg", "example.web"),
        "Error: Label 'nosuch' is not a domain label of policy 'example.web'");
    assertError(
        xm.run("addlabel", "web_disk", "dom", "web1.cfg", "example.web"),
        "Error: Label 'web_disk' is not a domain label");
    assertError(xm.run("addlabel", "web", "dom", "web1.cfg"), "Error: No policy active");
    assertError(
        xm.run("addlabel", "web", "dom", "missing.cfg", "example.web"),
        "Error: Unable to open config file: missing.cfg");
    assertError(
        xm.run("addlabel", "web", "vm", "web1.cfg", "example.web"),
        "Error: Invalid label type 'vm'");
    assertError(
        xm.run("addlabel", "web", "res", "phy:hda1", "example.web"),
        "Error: Label 'web' is not a resource label of policy example.web");
    Files.createDirectory(home.resolve("dir.cfg"));
    assertError(
        xm.run("addlabel", "web", "dom", "dir.cfg", "example.web"),
        "Error: dir.cfg is not a regular file");
    assertError(xm.run("getlabel", "dom", "dir.cfg"), "Error: dir.cfg is not a regular file");
    Files.writeString(home.resolve("broken.cfg"), "name = (\n");
    assertError(xm.run("addlabel", "web", "dom", "broken.cfg", "example.web"), "Error: ");
    assertArrayEquals(before, Files.readAllBytes(cfg));
    assertEquals("name = (\n", Files.readString(home.resolve("broken.cfg")));
  }

  @Test
  void convertPolicyXmlToYamlAndBack() throws IOException {
    Xm.Run yaml = xm.run("convert", "policies/example/web-security_policy.xml");
    assertEquals(0, yaml.code(), yaml.toString());
    assertTrue(yaml.out().contains("kind: SecurityPolicy\n"), yaml.out());
    Files.writeString(home.resolve("web.yaml"), yaml.out());
    Xm.Run xml = xm.run("convert", "web.yaml");
    assertEquals(0, xml.code(), xml.toString());
    Path xmlFile = policies.resolve("example/web-security_policy.xml");
    assertEquals(
        PolicyXml.read(xmlFile),
        PolicyXml.read("back.xml", xml.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertError(xm.run("convert", "nothere.xml"), "Error: ");
  }

  @Test
  void aPolicyConvertedToYamlIsLoadedByApplyAndThenInSync() throws IOException {
    Files.writeString(
        home.resolve("web.yaml"),
        xm.run("convert", "policies/example/web-security_policy.xml").out());
    assertEquals(0, xm.run("host", "init").code());
    Xm.Run diff = xm.run("diff", "-f", "web.yaml");
    assertEquals(2, diff.code(), diff.toString());
    assertTrue(
        diff.out()
            .contains(
                "policy: (none) -> example.web 1.0  (loadpolicy, live)  declared at web.yaml:"),
        diff.out());
    assertEquals(0, xm.run("apply", "-f", "web.yaml").code());
    assertTrue(xm.run("dumppolicy").out().contains("POLICY REFERENCE = example.web."));
    assertEquals(0, xm.run("diff", "-f", "web.yaml").code());
  }

  private static void assertError(Xm.Run r, String start) {
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.error().startsWith(start), r.toString());
    assertFalse(r.err().contains("Exception"), r.toString());
    assertFalse(r.err().contains("\tat "), r.toString());
  }
}
