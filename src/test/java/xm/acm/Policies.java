package xm.acm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Test policies of the project's own: the man page's home-banking story, and a small inline one to
 * break.
 */
final class Policies {
  private Policies() {}

  static final Path HOMEBANKING =
      Path.of("src/test/resources/acm/example/homebanking-security_policy.xml");

  static SecurityPolicy homebanking() {
    return PolicyXml.read(HOMEBANKING);
  }

  /** A valid policy, one element a line, that tests break with {@code String.replace}. */
  static final String SMALL =
      String.join(
          "\n",
          List.of(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
              "<SecurityPolicyDefinition xmlns=\"http://www.ibm.com\">",
              "  <PolicyHeader>",
              "    <PolicyName>test.small</PolicyName>",
              "    <Version>1.0</Version>",
              "  </PolicyHeader>",
              "  <SimpleTypeEnforcement>",
              "    <SimpleTypeEnforcementTypes>",
              "      <Type>sys</Type>",
              "      <Type>web</Type>",
              "      <Type>db</Type>",
              "    </SimpleTypeEnforcementTypes>",
              "  </SimpleTypeEnforcement>",
              "  <ChineseWall>",
              "    <ChineseWallTypes>",
              "      <Type>cw_sys</Type>",
              "      <Type>cw_a</Type>",
              "      <Type>cw_b</Type>",
              "    </ChineseWallTypes>",
              "    <ConflictSets>",
              "      <Conflict name=\"ab\">",
              "        <Type>cw_a</Type>",
              "        <Type>cw_b</Type>",
              "      </Conflict>",
              "    </ConflictSets>",
              "  </ChineseWall>",
              "  <SecurityLabelTemplate>",
              "    <SubjectLabels bootstrap=\"sys\">",
              "      <VirtualMachineLabel>",
              "        <Name>sys</Name>",
              "        <SimpleTypeEnforcementTypes><Type>sys</Type><Type>web</Type><Type>db</Type></SimpleTypeEnforcementTypes>",
              "        <ChineseWallTypes><Type>cw_sys</Type></ChineseWallTypes>",
              "      </VirtualMachineLabel>",
              "      <VirtualMachineLabel>",
              "        <Name>web</Name>",
              "        <SimpleTypeEnforcementTypes><Type>web</Type></SimpleTypeEnforcementTypes>",
              "        <ChineseWallTypes><Type>cw_a</Type></ChineseWallTypes>",
              "      </VirtualMachineLabel>",
              "    </SubjectLabels>",
              "    <ObjectLabels>",
              "      <ResourceLabel>",
              "        <Name>webdisk</Name>",
              "        <SimpleTypeEnforcementTypes><Type>web</Type></SimpleTypeEnforcementTypes>",
              "      </ResourceLabel>",
              "    </ObjectLabels>",
              "  </SecurityLabelTemplate>",
              "</SecurityPolicyDefinition>",
              ""));

  static SecurityPolicy read(String xml) {
    return PolicyXml.read("small.xml", xml.getBytes(StandardCharsets.UTF_8));
  }
}
