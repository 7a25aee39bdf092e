package xm.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The repository's own example policy (policies/example/web-security_policy.xml) is valid and says
 * what its comment says.
 */
class ExamplePolicyTest {
  private final SecurityPolicy p =
      PolicyXml.read(new PolicyPaths(java.nio.file.Path.of("policies")).xml("example.web"));

  @Test
  void should_load_the_example_fleet_policy() {
    assertEquals("example.web", p.name());
    assertEquals("SystemManagement", p.bootstrap());
    for (VmLabel l : p.vmLabels()) {
      assertTrue(Ste.authorizedToRun(p, l), l.name());
    }
  }

  @Test
  void should_keep_web_and_batch_apart_and_let_web_reach_the_database() {
    assertTrue(ChineseWall.denyStart(p, "batch", Map.of("web1", "web")).isPresent());
    assertTrue(
        ChineseWall.denyStart(p, "db", Map.of("web1", "web", "storage1", "storage")).isEmpty());
    VmLabel web = p.vmLabel("web").orElseThrow();
    VmLabel db = p.vmLabel("db").orElseThrow();
    VmLabel batch = p.vmLabel("batch").orElseThrow();
    assertTrue(Ste.mayCommunicate(web, db));
    assertFalse(Ste.mayCommunicate(batch, db));
    assertTrue(Ste.mayUse(db, p.resourceLabel("db_disk").orElseThrow()));
    assertFalse(Ste.mayUse(web, p.resourceLabel("db_disk").orElseThrow()));
  }

  @Test
  void the_example_fleets_yaml_is_the_same_policy() {
    xm.spec.SpecSet specs =
        xm.spec.SpecLoader.load(
            java.util.List.of("specs"), java.nio.file.Path.of("."), null, false);
    assertEquals(1, specs.policies().size());
    assertEquals(
        p, specs.policies().get(0).policy(), "specs/security.yaml is xm convert of the XML");
  }
}
