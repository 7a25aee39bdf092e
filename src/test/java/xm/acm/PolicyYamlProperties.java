package xm.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import xm.spec.PolicyWriter;
import xm.spec.SpecError;
import xm.spec.SpecLoader;
import xm.spec.SpecSet;

/**
 * kind: SecurityPolicy: what xm writes reads back equal, and XML -> YAML -> XML keeps the policy.
 */
class PolicyYamlProperties {
  @Provide
  Arbitrary<SecurityPolicy> policies() {
    return new PolicyXmlProperties().policies();
  }

  @Property(tries = 200)
  void yamlRoundTrip(@ForAll("policies") SecurityPolicy p) {
    // the generator's names are valid XML names; the YAML reader wants valid policy names too
    SecurityPolicy named =
        new SecurityPolicy(
            p.name(),
            p.version(),
            p.steTypes(),
            p.chwallTypes(),
            p.conflictSets(),
            p.vmLabels(),
            p.resourceLabels(),
            p.bootstrap(),
            p.fromPolicy());
    SpecSet set = SpecLoader.parse("p.yaml", PolicyWriter.yaml(named, "a comment"));
    assertEquals(List.of(named), set.policies().stream().map(d -> d.policy()).toList());
    // and the XML it converts to is valid (our schema and rules) and reads back equal
    assertEquals(
        named,
        PolicyXml.read(
            "p.xml",
            PolicyXml.write(set.policies().get(0).policy())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void xmlToYamlToXmlKeepsTheShippedPolicies() {
    for (SecurityPolicy p :
        List.of(
            Policies.homebanking(),
            Policies.read(Policies.SMALL),
            PolicyXml.read(java.nio.file.Path.of("policies/example/web-security_policy.xml")))) {
      SecurityPolicy back =
          SpecLoader.parse("p.yaml", PolicyWriter.yaml(p, null)).policies().get(0).policy();
      assertEquals(p, back);
      assertEquals(PolicyXml.write(p), PolicyXml.write(back));
    }
  }

  @Test
  void badDocumentsNameFileLineColumn() {
    String good = PolicyWriter.yaml(Policies.read(Policies.SMALL), null);
    assertProblem(
        good.replace("[\"cw_a\", \"cw_b\"]}", "[\"cw_a\", \"cw_c\"]}"),
        "p.yaml:10:36:",
        "conflict set ab uses Chinese Wall type 'cw_c', which the policy does not declare");
    assertProblem(
        good.replace("bootstrap: \"sys\"", "bootstrap: \"webdisk\""),
        "p.yaml:",
        "the bootstrap label 'webdisk' is not one of the vmLabels");
    assertProblem(
        good.replace("version: \"1.0\"", "version: \"one\""),
        "p.yaml:6:12:",
        "version must be N.M");
    assertProblem(
        good.replace("name: \"test.small\"", "name: \"../x\""),
        "p.yaml:4:9:",
        "invalid policy name '../x'");
    assertProblem(
        good.replace("  steTypes: [\"sys\"", "  stetypes: [\"sys\""),
        "p.yaml:7:3:",
        "unknown field 'stetypes'");
    assertProblem(
        good.replace("name: \"web\"", "name: \"sys\""), "p.yaml:", "duplicate label 'sys'");
    assertProblem(
        good.replace("kind: SecurityPolicy", "kind: Policy"),
        "p.yaml:2:7:",
        "kind must be Domain, Host, SecurityPolicy or ResourceLabel");
  }

  private static void assertProblem(String yaml, String where, String what) {
    SpecError e = assertThrows(SpecError.class, () -> SpecLoader.parse("p.yaml", yaml));
    assertTrue(
        e.problems().stream().anyMatch(p -> p.startsWith(where) && p.contains(what)),
        e.problems() + "\n" + yaml);
  }
}
