package xm.acm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;
import xm.diag.Location;
import xm.diag.XmException;

/**
 * Builds the {@link XmlNode} tree while the parser validates, noting where each element starts. Any
 * warning, error or fatal error of the parser or the schema ends the read with that one located
 * line.
 */
final class TreeBuilder extends DefaultHandler {
  private final String source;
  private final Deque<Open> open = new ArrayDeque<>();
  private Locator locator;
  private XmlNode root;

  private static final class Open {
    final String name;
    final Map<String, String> attributes;
    final Location where;
    final StringBuilder text = new StringBuilder();
    final List<XmlNode> children = new ArrayList<>();

    Open(String name, Map<String, String> attributes, Location where) {
      this.name = name;
      this.attributes = attributes;
      this.where = where;
    }
  }

  TreeBuilder(String source) {
    this.source = source;
  }

  XmlNode root() {
    return root;
  }

  @Override
  public void setDocumentLocator(Locator locator) {
    this.locator = locator;
  }

  private Location here() {
    return locator == null
        ? new Location(source, 0, 0)
        : new Location(source, locator.getLineNumber(), locator.getColumnNumber());
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts) {
    Map<String, String> attributes = new HashMap<>();
    for (int i = 0; i < atts.getLength(); i++) {
      if (atts.getURI(i).isEmpty()) {
        attributes.put(atts.getLocalName(i), atts.getValue(i));
      }
    }
    open.push(new Open(localName, attributes, here()));
  }

  @Override
  public void characters(char[] ch, int start, int length) {
    open.peek().text.append(ch, start, length);
  }

  @Override
  public void endElement(String uri, String localName, String qName) {
    Open o = open.pop();
    XmlNode node =
        new XmlNode(o.name, o.attributes, o.text.toString().strip(), o.children, o.where);
    if (open.isEmpty()) {
      root = node;
    } else {
      open.peek().children.add(node);
    }
  }

  @Override
  public void warning(SAXParseException e) {
    throw located(e);
  }

  @Override
  public void error(SAXParseException e) {
    throw located(e);
  }

  @Override
  public void fatalError(SAXParseException e) {
    throw located(e);
  }

  XmException located(SAXParseException e) {
    return XmException.badInput(
        new Location(source, e.getLineNumber(), e.getColumnNumber()), rule(e.getMessage()));
  }

  /** The parser's message, without the "cvc-...:" code prefix, and naming the rule. */
  private static String rule(String message) {
    String m =
        message == null ? "unreadable XML" : message.replaceFirst("^cvc-[a-zA-Z0-9.-]+: ", "");
    if (m.contains("DOCTYPE")) {
      return "a DOCTYPE is not allowed in a policy (no DTDs, no entities): " + m;
    }
    return (message != null && message.startsWith("cvc-") ? "schema: " : "XML: ") + m;
  }
}
