package xm.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.diag.XmException;

class PolicyXmlTest {

  @Test
  void should_read_the_home_banking_policy_in_document_order() {
    SecurityPolicy p = Policies.homebanking();
    assertEquals("example.homebanking", p.name());
    assertEquals("1.0", p.version());
    assertEquals(
        List.of("ste_Management", "ste_Banking", "ste_Internet", "ste_Donated", "ste_Disk"),
        p.steTypes());
    assertEquals(
        List.of(new ConflictSet("Protection", List.of("cw_Sensitive", "cw_Distrusted"))),
        p.conflictSets());
    assertEquals(
        new VmLabel("dom_HomeBanking", List.of("ste_Banking"), List.of("cw_Sensitive")),
        p.vmLabel("dom_HomeBanking").orElseThrow());
    assertEquals(
        new VmLabel("dom_Stranger", List.of(), List.of("cw_Isolated")),
        p.vmLabel("dom_Stranger").orElseThrow());
    assertEquals(
        List.of("ste_Banking"),
        p.resourceLabel("res_LogicalDiskPartition1(hda1)").orElseThrow().steTypes());
    assertEquals("dom_Management", p.bootstrap());
  }

  @Test
  void should_read_back_what_it_writes() {
    SecurityPolicy p = Policies.homebanking();
    assertEquals(p, Policies.read(PolicyXml.write(p)));
    SecurityPolicy small = Policies.read(Policies.SMALL);
    assertEquals(small, Policies.read(PolicyXml.write(small)));
  }

  @Test
  void should_keep_a_label_rename() {
    SecurityPolicy p =
        Policies.read(Policies.SMALL.replace("<Name>web</Name>", "<Name from=\"www\">web</Name>"));
    assertEquals(Optional.of("www"), p.vmLabel("web").orElseThrow().from());
    assertEquals(p, Policies.read(PolicyXml.write(p)));
  }

  /** The one-line error reading {@code xml} gives; it must name small.xml:line:column. */
  private static String refused(String xml) {
    XmException e = assertThrows(XmException.class, () -> Policies.read(xml));
    String m = e.getMessage();
    assertFalse(m.contains("\n"), "one line: " + m);
    return m;
  }

  @Test
  void should_refuse_malformed_xml_with_its_place() {
    String m = refused(Policies.SMALL.replace("</PolicyHeader>", "</PolicyHead>"));
    assertTrue(m.startsWith("small.xml:6:"), m);
    assertTrue(m.contains("XML:"), m);
  }

  @Test
  void should_refuse_an_external_entity_without_reading_the_file(@TempDir Path dir)
      throws IOException {
    Path secret = dir.resolve("secret");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xml =
        Policies.SMALL
            .replace(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE SecurityPolicyDefinition [<!ENTITY xxe SYSTEM \""
                    + secret.toUri()
                    + "\">]>")
            .replace("<PolicyName>test.small</PolicyName>", "<PolicyName>&xxe;</PolicyName>");
    String m = refused(xml);
    assertTrue(m.startsWith("small.xml:2:"), m);
    assertTrue(m.contains("DOCTYPE is not allowed"), m);
    assertFalse(m.contains("TOP-SECRET"), m);
  }

  @Test
  void should_refuse_an_external_dtd() {
    String m =
        refused(
            Policies.SMALL.replace(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\"?><!DOCTYPE SecurityPolicyDefinition SYSTEM \"file:///etc/passwd\">"));
    assertTrue(m.contains("DOCTYPE is not allowed"), m);
    assertFalse(m.contains("root:"), m);
  }

  @Test
  void should_refuse_entity_expansion_bombs() {
    StringBuilder dtd =
        new StringBuilder("<!DOCTYPE SecurityPolicyDefinition [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i - 1) + ";").repeat(10))
          .append("\">");
    }
    dtd.append("]>");
    String m =
        refused(
            Policies.SMALL
                .replace(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\"?>" + dtd)
                .replace("<PolicyName>test.small</PolicyName>", "<PolicyName>&lol9;</PolicyName>"));
    assertTrue(m.contains("DOCTYPE is not allowed"), m);
  }

  @Test
  void should_refuse_schema_violations_with_their_place() {
    String m = refused(Policies.SMALL.replace("    <Version>1.0</Version>\n", ""));
    assertTrue(m.startsWith("small.xml:5:"), m);
    assertTrue(m.contains("schema:") && m.contains("Version"), m);
    m = refused(Policies.SMALL.replace("<Version>1.0</Version>", "<Version>one</Version>"));
    assertTrue(m.startsWith("small.xml:5:") && m.contains("schema:"), m);
    m = refused(Policies.SMALL.replace("xmlns=\"http://www.ibm.com\"", ""));
    assertTrue(m.startsWith("small.xml:2:") && m.contains("SecurityPolicyDefinition"), m);
  }

  @Test
  void should_refuse_undeclared_types() {
    String m =
        refused(
            Policies.SMALL.replace(
                "<ChineseWallTypes><Type>cw_a</Type>", "<ChineseWallTypes><Type>cw_purple</Type>"));
    assertTrue(m.startsWith("small.xml:37:"), m);
    assertTrue(
        m.contains(
            "label web uses Chinese Wall type 'cw_purple', which the policy does not declare"),
        m);
    m =
        refused(
            Policies.SMALL.replace(
                "<Type>web</Type></SimpleTypeEnforcementTypes>\n      </ResourceLabel>",
                "<Type>nope</Type></SimpleTypeEnforcementTypes>\n      </ResourceLabel>"));
    assertTrue(m.contains("label webdisk uses STE type 'nope'"), m);
  }

  @Test
  void should_refuse_a_conflict_set_naming_a_type_that_is_not_a_chinese_wall_type() {
    String m =
        refused(
            Policies.SMALL.replace(
                "        <Type>cw_b</Type>\n      </Conflict>",
                "        <Type>web</Type>\n      </Conflict>"));
    assertTrue(
        m.startsWith("small.xml:23:") && m.contains("conflict set ab uses Chinese Wall type 'web'"),
        m);
  }

  @Test
  void should_refuse_duplicate_names() {
    String m = refused(Policies.SMALL.replace("<Name>web</Name>", "<Name>sys</Name>"));
    assertTrue(
        m.startsWith("small.xml:35:") && m.contains("duplicate VM label 'sys' (first at line 30)"),
        m);
    m = refused(Policies.SMALL.replace("<Type>db</Type>\n", "<Type>web</Type>\n"));
    assertTrue(m.contains("duplicate STE type 'web'"), m);
  }

  @Test
  void should_refuse_a_colon_in_policy_and_label_names() {
    assertTrue(
        refused(Policies.SMALL.replace("test.small", "test:small"))
            .contains("a policy name may not contain ':'"));
    String m = refused(Policies.SMALL.replace("<Name>webdisk</Name>", "<Name>web:disk</Name>"));
    assertTrue(
        m.startsWith("small.xml:42:") && m.contains("a resource label may not contain ':'"), m);
  }

  @Test
  void should_refuse_a_bootstrap_that_is_not_a_vm_label() {
    String m = refused(Policies.SMALL.replace("bootstrap=\"sys\"", "bootstrap=\"webdisk\""));
    assertTrue(
        m.startsWith("small.xml:28:")
            && m.contains("the bootstrap label 'webdisk' is not a VM label"),
        m);
  }

  @Test
  void should_refuse_a_huge_file_before_parsing_it(@TempDir Path dir) throws IOException {
    Path huge = dir.resolve("huge-security_policy.xml");
    byte[] big =
        (Policies.SMALL + "<!--" + " ".repeat(5 << 20) + "-->").getBytes(StandardCharsets.UTF_8);
    Files.write(huge, big);
    XmException e = assertThrows(XmException.class, () -> PolicyXml.read(huge));
    assertTrue(e.getMessage().contains("at most 4194304 bytes"), e.getMessage());
    assertThrows(XmException.class, () -> PolicyXml.read("big", big));
  }

  @Test
  void should_refuse_deep_nesting_with_one_line() {
    String deep = "<a>".repeat(100_000) + "</a>".repeat(100_000);
    String m =
        refused(
            Policies.SMALL.replace(
                "<PolicyName>test.small</PolicyName>", "<PolicyName>" + deep + "</PolicyName>"));
    assertTrue(m.startsWith("small.xml:4:"), m);
  }

  @Test
  void should_say_which_file_is_missing(@TempDir Path dir) {
    XmException e =
        assertThrows(
            XmException.class, () -> PolicyXml.read(dir.resolve("none-security_policy.xml")));
    assertTrue(
        e.getMessage().endsWith("none-security_policy.xml: no such policy file"), e.getMessage());
  }
}
