package xm.acm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import xm.diag.Location;
import xm.diag.XmException;

/**
 * Reads and writes ACM policy XML. Reading is the JDK's SAX parser with DOCTYPEs refused (so no
 * DTD, no entity, external or internal, is ever expanded or fetched), no external access at all,
 * secure processing on, a bounded size and depth, validating against the project's own schema
 * ({@code xm/acm/security_policy.xsd}) as it parses; then {@link PolicyRules}. Every failure is one
 * {@link XmException#badInput(Location, String)} line: file:line:column and the rule. Thread-safe.
 */
public final class PolicyXml {
  /** The XML namespace of ACM policies (Xen's). */
  public static final String NAMESPACE = "http://www.ibm.com";

  /** Policy files larger than this are refused before parsing. */
  public static final long MAX_BYTES = 4L << 20;

  /** Deeper elements are refused; a valid policy nests 6 deep. */
  public static final int MAX_DEPTH = 32;

  private static final Schema SCHEMA = loadSchema();

  private PolicyXml() {}

  /** Reads, validates and checks the policy file {@code file}. */
  public static SecurityPolicy read(Path file) {
    String source = file.toString();
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw tooLarge(source, size);
      }
      return read(source, Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw XmException.badInput(source + ": no such policy file");
    } catch (IOException e) {
      throw XmException.badInput(source + ": cannot read the policy file: " + e.getMessage());
    }
  }

  /**
   * Reads, validates and checks the policy document {@code xml}; {@code source} names it in errors.
   */
  public static SecurityPolicy read(String source, byte[] xml) {
    if (xml.length > MAX_BYTES) {
      throw tooLarge(source, xml.length);
    }
    TreeBuilder tree = new TreeBuilder(source);
    try {
      SAXParser parser = parserFactory().newSAXParser();
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      parser.setProperty(
          "http://www.oracle.com/xml/jaxp/properties/maxElementDepth", Integer.toString(MAX_DEPTH));
      InputSource in = new InputSource(new ByteArrayInputStream(xml));
      in.setSystemId(null);
      parser.parse(in, tree);
    } catch (SAXParseException e) {
      throw tree.located(e);
    } catch (SAXException | IOException e) {
      throw XmException.badInput(new Location(source, 1, 1), "XML: " + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser cannot be configured safely", e);
    }
    return PolicyRules.policy(tree.root());
  }

  /** The policy as XML that {@link #read} accepts back (and the schema validates). */
  public static String write(SecurityPolicy p) {
    StringBuilder out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<SecurityPolicyDefinition xmlns=\"").append(NAMESPACE).append("\">\n");
    out.append("  <PolicyHeader>\n");
    element(out, 4, "PolicyName", p.name());
    element(out, 4, "Version", p.version());
    if (p.fromPolicy().isPresent()) {
      out.append("    <FromPolicy>\n");
      element(out, 6, "PolicyName", p.fromPolicy().get().name());
      element(out, 6, "Version", p.fromPolicy().get().version());
      out.append("    </FromPolicy>\n");
    }
    out.append("  </PolicyHeader>\n");
    if (!p.steTypes().isEmpty()) {
      out.append("  <SimpleTypeEnforcement>\n");
      types(out, 4, "SimpleTypeEnforcementTypes", p.steTypes());
      out.append("  </SimpleTypeEnforcement>\n");
    }
    if (!p.chwallTypes().isEmpty()) {
      out.append("  <ChineseWall priority=\"PrimaryPolicyComponent\">\n");
      types(out, 4, "ChineseWallTypes", p.chwallTypes());
      if (!p.conflictSets().isEmpty()) {
        out.append("    <ConflictSets>\n");
        for (ConflictSet c : p.conflictSets()) {
          types(out, 6, "Conflict name=\"" + escape(c.name()) + "\"", c.types());
        }
        out.append("    </ConflictSets>\n");
      }
      out.append("  </ChineseWall>\n");
    }
    out.append("  <SecurityLabelTemplate>\n");
    out.append("    <SubjectLabels bootstrap=\"").append(escape(p.bootstrap())).append("\">\n");
    for (VmLabel l : p.vmLabels()) {
      out.append("      <VirtualMachineLabel>\n");
      name(out, l.name(), l.from().orElse(null));
      types(out, 8, "SimpleTypeEnforcementTypes", l.steTypes());
      types(out, 8, "ChineseWallTypes", l.chwallTypes());
      out.append("      </VirtualMachineLabel>\n");
    }
    out.append("    </SubjectLabels>\n");
    if (!p.resourceLabels().isEmpty()) {
      out.append("    <ObjectLabels>\n");
      for (ResourceLabel l : p.resourceLabels()) {
        out.append("      <ResourceLabel>\n");
        name(out, l.name(), l.from().orElse(null));
        types(out, 8, "SimpleTypeEnforcementTypes", l.steTypes());
        out.append("      </ResourceLabel>\n");
      }
      out.append("    </ObjectLabels>\n");
    }
    out.append("  </SecurityLabelTemplate>\n");
    out.append("</SecurityPolicyDefinition>\n");
    return out.toString();
  }

  private static void name(StringBuilder out, String name, String from) {
    out.append("        <Name")
        .append(from == null ? "" : " from=\"" + escape(from) + "\"")
        .append('>')
        .append(escape(name))
        .append("</Name>\n");
  }

  private static void types(StringBuilder out, int indent, String open, List<String> types) {
    if (types.isEmpty()) {
      return;
    }
    String close = open.split(" ", 2)[0];
    out.append(" ".repeat(indent)).append('<').append(open).append(">\n");
    for (String t : types) {
      element(out, indent + 2, "Type", t);
    }
    out.append(" ".repeat(indent)).append("</").append(close).append(">\n");
  }

  private static void element(StringBuilder out, int indent, String name, String text) {
    out.append(" ".repeat(indent))
        .append('<')
        .append(name)
        .append('>')
        .append(escape(text))
        .append("</")
        .append(name)
        .append(">\n");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }

  private static XmException tooLarge(String source, long size) {
    return XmException.badInput(
        source
            + ": a policy file may hold at most "
            + MAX_BYTES
            + " bytes; this one holds "
            + size);
  }

  private static SAXParserFactory parserFactory()
      throws ParserConfigurationException, SAXException {
    SAXParserFactory f = SAXParserFactory.newInstance();
    f.setNamespaceAware(true);
    f.setXIncludeAware(false);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setSchema(SCHEMA);
    return f;
  }

  private static Schema loadSchema() {
    URL xsd = PolicyXml.class.getResource("security_policy.xsd");
    if (xsd == null) {
      throw new IllegalStateException("xm/acm/security_policy.xsd is missing from the classpath");
    }
    try {
      SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return f.newSchema(new StreamSource(xsd.openStream(), xsd.toExternalForm()));
    } catch (SAXException | IOException e) {
      throw new IllegalStateException(
          "xm/acm/security_policy.xsd does not load: " + e.getMessage(), e);
    }
  }
}
