package xm.cli.declare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Xm;

/**
 * Policies and resource labels declared in YAML and reconciled: ordered before the domains that
 * need them, refused whole by policy admission (the host untouched), drift reported and healed.
 * Runs on a copy of the repository's own example fleet (specs/), which runs labeled.
 */
class AccessReconcileTest {
  @TempDir Path dir;
  Xm xm;
  Path specs;

  @BeforeEach
  void setUp() throws IOException {
    specs = dir.resolve("specs");
    Files.createDirectories(specs);
    try (var files = Files.list(Path.of("specs"))) {
      for (Path f : files.toList()) {
        Files.copy(f, specs.resolve(f.getFileName()));
      }
    }
    xm = new Xm(dir.resolve("home"), dir);
  }

  private void edit(String file, String from, String to) throws IOException {
    Path f = specs.resolve(file);
    String text = Files.readString(f);
    assertTrue(text.contains(from), file + " lacks " + from);
    Files.writeString(f, text.replace(from, to));
  }

  private void assertUntouched() {
    assertEquals("", xm.run("resources").out(), "no resource was labeled");
    assertEquals(1, xm.run("dumppolicy").code(), "no policy was loaded");
    assertEquals(1, xm.run("list").out().lines().count() - 1, "only Domain-0 runs");
  }

  @Test
  void theExampleFleetConvergesLabeledAndThenHasNoDrift() {
    Xm.Run apply = xm.run("apply", "-f", "specs");
    assertEquals(0, apply.code(), apply.toString());
    assertTrue(
        apply.out().contains("2 policy load(s), 5 resource label(s), 6 to create"), apply.out());
    int policy = apply.out().indexOf("~ localhost (policy): done");
    int labels = apply.out().indexOf("~ localhost (resource labels): done");
    int web = apply.out().indexOf("+ web1: done");
    assertTrue(
        policy > 0 && labels > 0 && web > policy && web > labels,
        "policy and labels before the domains:\n" + apply.out());
    Xm.Run list = xm.run("list", "--label", "web1", "storage1");
    assertTrue(
        list.out().contains("ACM:example.web:web")
            && list.out().contains("ACM:example.web:storage"),
        list.out());
    assertEquals("ACM:example.web:db_disk\n", xm.run("getlabel", "res", "phy:hda3").out());
    Xm.Run diff = xm.run("diff", "-f", "specs");
    assertEquals(0, diff.code(), diff.toString());
  }

  @Test
  void aChineseWallConflictOnTheWayRefusesTheWholePlanWithTheSpecsPlace() throws IOException {
    edit(
        "batch.yaml",
        "  name: batch1\n  host: xen-b\n",
        "  name: batch1\n"); // batch beside the web front ends
    for (String cmd : new String[] {"diff", "apply"}) {
      Xm.Run r = xm.run(cmd, "-f", "specs");
      assertEquals(1, r.code(), r.toString());
      assertTrue(
          r.err()
              .contains(
                  "Error: specs/web.yaml:2:1: policy admission: web1 on host 'localhost': Domain in"
                      + " conflict set with running domain? (web against batch1 labeled batch: conflict set FrontOrBulk holds both"
                      + " frontend and bulk)"),
          r.toString());
    }
    assertUntouched();
  }

  @Test
  void aDiskWhoseLabelTheDomainMayNotUseIsRefusedBeforeAnythingChanges() throws IOException {
    edit(
        "resources.yaml",
        "  name: \"phy:/dev/hda3\"\nspec: {policy: example.web, label: db_disk}",
        "  name: \"phy:/dev/hda3\"\nspec: {policy: example.web, label: web_disk}");
    Xm.Run r = xm.run("apply", "-f", "specs");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "Error: specs/db.yaml:1:1: policy admission: db1 on host 'localhost': VM's access to"
                    + " block device 'phy:hda3' denied: resource label 'web_disk' [web] shares no STE type with the domain's label"
                    + " 'db' [db, web_db]"),
        r.toString());
    assertUntouched();
  }

  @Test
  void resourceLabelDriftIsReportedAndHealed() throws IOException {
    assertEquals(0, xm.run("apply", "-f", "specs").code());
    Xm.Run inUse = xm.run("rmlabel", "res", "phy:hda1");
    assertEquals(1, inUse.code(), inUse.toString());
    assertTrue(
        inUse
            .error()
            .contains(
                "Resource 'phy:/dev/hda1' is in use by domain storage1 on host localhost, which an"
                    + " unlabeled would deny: VM's access to block device 'phy:hda1' denied: resource 'phy:/dev/hda1' is not labeled"),
        inUse.toString());
    Path store = xm.home().resolve("security/resource_labels"); // changed behind xm's back
    Files.writeString(
        store,
        Files.readString(store).replaceAll("phy:/dev/hda1\tACM\texample.web\tstorage_disk\n", ""));
    Xm.Run diff = xm.run("diff", "-f", "specs");
    assertEquals(2, diff.code(), diff.toString());
    assertTrue(
        diff.out()
            .contains(
                "phy:/dev/hda1: (none) -> ACM:example.web:storage_disk  (addlabel, live)"
                    + "  declared at specs/resources.yaml:12"),
        diff.out());
    assertTrue(diff.out().contains("1 resource to label."), diff.out());
    assertEquals(0, xm.run("apply", "-f", "specs").code());
    assertEquals(0, xm.run("diff", "-f", "specs").code());
  }

  @Test
  void aPolicyUpdateDeclaredInYamlIsDriftAndIsLoaded() throws IOException {
    assertEquals(0, xm.run("apply", "-f", "specs").code());
    edit("security.yaml", "  version: \"1.0\"", "  version: \"1.1\"");
    Xm.Run diff = xm.run("diff", "-f", "specs");
    assertEquals(2, diff.code(), diff.toString());
    assertTrue(
        diff.out().contains("policy: example.web 1.0 -> example.web 1.1  (loadpolicy, live)"),
        diff.out());
    assertTrue(diff.out().contains("2 policies to load."), diff.out());
    assertEquals(0, xm.run("apply", "-f", "specs").code());
    assertTrue(xm.run("dumppolicy").out().contains("POLICY REFERENCE = example.web."));
    assertEquals(0, xm.run("diff", "-f", "specs").code());
  }

  @Test
  void aPolicyThatWouldStripARunningDomainOfItsLabelIsRefused() throws IOException {
    assertEquals(0, xm.run("apply", "-f", "specs").code());
    // the new version drops the 'cache' label, which cache1 holds on xen-b and keeps (its spec is
    // unchanged)
    edit(
        "security.yaml",
        "    - {name: \"cache\", steTypes: [\"web\"], chineseWallTypes: [\"backend\"]}\n",
        "");
    edit("batch.yaml", "  security: {policy: example.web, label: cache}\n", "");
    Xm.Run r = xm.run("apply", "-f", "specs");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "policy admission: loading policy example.web on host 'xen-b': running domain cache1"
                    + " would lose its label 'cache': policy example.web does not define it"),
        r.toString());
    Xm.Run l = xm.run("--host", "xen-b", "list", "--label", "cache1");
    assertTrue(l.out().contains("ACM:example.web:cache"), l.toString());
  }

  @Test
  void badAccessDocumentsAreSpecErrorsWithTheirPlace() throws IOException {
    Files.writeString(
        specs.resolve("more.yaml"),
        "apiVersion: xm/v1\nkind: ResourceLabel\nmetadata:\n"
            + "  name: \"file:disks/a.img\"\nspec: {policy: example.web, label: web_disk}\n---\n"
            + "apiVersion: xm/v1\nkind: ResourceLabel\nmetadata:\n  name: \"phy:hda1\"\nspec: {policy: example.web, label: nope}\n");
    Xm.Run r = xm.run("diff", "-f", "specs");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "Error: specs/more.yaml:4:9: a file resource needs an absolute path (file:/path/to/image)"),
        r.toString());
    assertTrue(
        r.err()
            .contains(
                "specs/resources.yaml:12:3: resource 'phy:/dev/hda1' is labeled twice (first at"
                    + " specs/more.yaml:10:3)"),
        r.toString());
    assertTrue(
        r.err()
            .contains(
                "specs/more.yaml:10:3: policy example.web has no resource label 'nope' (it has web_disk,"),
        r.toString());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void aTargetedApplyLabelsOnlyTheTargetsResources() {
    Xm.Run r = xm.run("apply", "-f", "specs", "--target", "db1");
    assertEquals(0, r.code(), r.toString());
    assertEquals("ACM:example.web:db_disk\n", xm.run("getlabel", "res", "phy:hda4").out());
    assertEquals(
        1, xm.run("getlabel", "res", "phy:hda1").code(), "storage1's disk is not this plan's");
  }

  @Test
  void anotherPolicyIsRefusedWhileTheFleetHoldsLabelsOfTheActiveOne() throws IOException {
    assertEquals(0, xm.run("apply", "-f", "specs").code());
    edit("security.yaml", "  name: \"example.web\"", "  name: \"other.web\"");
    Xm.Run r = xm.run("diff", "-f", "specs");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "policy admission: loading policy other.web on host 'localhost': running domain db1 holds a"
                    + " label of policy example.web, which other.web neither is nor updates"),
        r.toString());
  }

  @Test
  void aResourceRelabeledWhileInUseOrAPolicyThatTakesADiskAwayIsRefused() throws IOException {
    assertEquals(0, xm.run("apply", "-f", "specs").code());
    edit(
        "resources.yaml",
        "  name: \"phy:/dev/ram0\"        # web1's and web2's shared read-only root\n"
            + "spec: {policy: example.web, label: web_disk}",
        "  name: \"phy:/dev/ram0\"\nspec: {policy: example.web, label: db_disk}");
    Xm.Run r = xm.run("apply", "-f", "specs");
    assertEquals(1, r.code(), r.toString());
    // web1 and web2 share the disk and start side by side: either may be the one named
    assertTrue(
        r.err()
            .matches(
                "(?s).*policy admission: labeling phy:/dev/ram0 db_disk: it is in use by web[12] on host"
                    + " 'localhost', which would be denied it.*"),
        r.toString());
    assertEquals("ACM:example.web:web_disk\n", xm.run("getlabel", "res", "phy:ram0").out());
    Xm.Run hand = xm.run("addlabel", "db_disk", "res", "phy:ram0");
    assertEquals(1, hand.code(), hand.toString());
    assertTrue(
        hand.error()
            .matches(
                ".*is in use by domain web[12] on host localhost, which its new label would deny.*"),
        hand.toString());

    edit("resources.yaml", "label: db_disk}", "label: web_disk}");
    edit("security.yaml", "  version: \"1.0\"", "  version: \"1.1\"");
    edit(
        "security.yaml",
        "{name: \"web_disk\", steTypes: [\"web\"]}",
        "{name: \"web_disk\", steTypes: [\"db\"]}");
    Xm.Run load = xm.run("apply", "-f", "specs");
    assertEquals(1, load.code(), load.toString());
    assertTrue(
        load.err()
            .matches(
                "(?s).*policy admission: loading policy example.web on host 'localhost': running domain"
                    + " web[12] would lose its block device phy:ram0.*"),
        load.toString());
    assertTrue(xm.run("dumppolicy").out().contains("POLICY REFERENCE = example.web."));
  }

  @Test
  void aResourceLabelOfAPolicyNobodyKnowsIsRefused() throws IOException {
    edit(
        "resources.yaml",
        "  name: \"phy:/dev/hda2\"\nspec: {policy: example.web,",
        "  name: \"phy:/dev/hda2\"\nspec: {policy: nopol.x,");
    Xm.Run r = xm.run("diff", "-f", "specs");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "Error: specs/resources.yaml:18:3: policy nopol.x of the label of phy:/dev/hda2 is neither"
                    + " declared in these specs nor active on a host"),
        r.toString());
  }

  @Test
  void aHostGivenOnePolicyByMetadataHostsMayNotRunDomainsOfAnother() throws IOException {
    String policy = Files.readString(specs.resolve("security.yaml"));
    Files.writeString(
        specs.resolve("other.yaml"),
        policy.replace("  name: \"example.web\"", "  name: \"other.web\"\n  hosts: [xen-b]"));
    Xm.Run r = xm.run("diff", "-f", "specs");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "domain 'batch1' on host 'xen-b' is labeled for policy example.web, but host 'xen-b' is"
                    + " given policy other.web (metadata.hosts at specs/other.yaml:"),
        r.toString());
  }

  @Test
  void aPolicyThatGoesNowhereIsAWarning() throws IOException {
    String policy = Files.readString(specs.resolve("security.yaml"));
    Files.writeString(
        specs.resolve("other.yaml"),
        policy.replace("  name: \"example.web\"", "  name: \"other.web\""));
    Xm.Run r = xm.run("diff", "-f", "specs");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("policy other.web goes to no host"), r.toString());
  }
}
