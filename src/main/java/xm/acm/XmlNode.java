package xm.acm;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import xm.diag.Location;

/**
 * One element of a schema-valid policy document: local name, attributes, trimmed text, children,
 * where it starts.
 */
record XmlNode(
    String name,
    Map<String, String> attributes,
    String text,
    List<XmlNode> children,
    Location where) {
  XmlNode {
    attributes = Map.copyOf(attributes);
    children = List.copyOf(children);
  }

  /** The first child called {@code child}, if any (the schema says which ones must be there). */
  Optional<XmlNode> child(String child) {
    return children.stream().filter(c -> c.name.equals(child)).findFirst();
  }

  List<XmlNode> all(String child) {
    return children.stream().filter(c -> c.name.equals(child)).toList();
  }

  Optional<String> attribute(String attribute) {
    return Optional.ofNullable(attributes.get(attribute));
  }
}
