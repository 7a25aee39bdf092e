package xm.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import xm.diag.Location;

/**
 * A YAML node with where it came from, read against a list of {@link Field}s: unknown and duplicate
 * keys, wrong types and out-of-range values become problems with file:line:column (collected, so
 * one run reports them all).
 */
final class Node {
  final org.snakeyaml.engine.v2.nodes.Node yaml;
  final String file;
  final List<String> problems;

  Node(org.snakeyaml.engine.v2.nodes.Node yaml, String file, List<String> problems) {
    this.yaml = yaml;
    this.file = file;
    this.problems = problems;
  }

  Location location() {
    return yaml.getStartMark()
        .map(m -> new Location(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(new Location(file, 1, 1));
  }

  void problem(String message) {
    problems.add(location() + ": " + message);
  }

  /**
   * Each key of this mapping that {@code rule} refuses (it answers why, else null) is a problem at
   * that key.
   */
  void checkKeys(java.util.function.Function<String, String> rule) {
    if (yaml instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        // a blank key is KeyCheck's to report (once, as empty), not this rule's too
        String why =
            t.getKeyNode() instanceof ScalarNode k && !k.getValue().isBlank()
                ? rule.apply(k.getValue())
                : null;
        if (why != null) {
          new Node(t.getKeyNode(), file, problems).problem(why);
        }
      }
    }
  }

  /**
   * The children of a mapping, checked against {@code fields}; null (with a problem) if not a
   * mapping.
   */
  Map<String, Node> fields(String what, List<Field> fields) {
    if (!(yaml instanceof MappingNode m)) {
      problem(what + " must be a mapping of fields (key: value)");
      return null;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      Node key = new Node(t.getKeyNode(), file, problems);
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        key.problem("keys must be plain names");
        continue;
      }
      String name = k.getValue();
      if (name.isBlank() || out.containsKey(name)) {
        continue; // KeyCheck has reported it
      }
      Field f = find(fields, name);
      if (f == null) {
        key.problem("unknown field '" + name + "' in " + what + suggestion(name, fields));
        continue;
      }
      out.put(name, new Node(t.getValueNode(), file, problems));
    }
    for (Field f : fields) {
      if (f.required() && !out.containsKey(f.name())) {
        problem(what + " needs '" + f.name() + "' (" + f.description() + ")");
      }
    }
    return out;
  }

  private static Field find(List<Field> fields, String name) {
    for (Field f : fields) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }

  static String suggestion(String name, List<Field> fields) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Field f : fields) {
      int d = distance(name.toLowerCase(), f.name().toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = f.name();
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3)
        ? " (did you mean '" + best + "'?)"
        : "";
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        cur[j] =
            Math.min(
                Math.min(cur[j - 1] + 1, prev[j] + 1),
                prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  // ---- typed values ---------------------------------------------------------------------------

  String string(String name) {
    if (yaml instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
      return s.getValue();
    }
    if (yaml instanceof ScalarNode) {
      return "";
    }
    problem(name + " must be a text value");
    return null;
  }

  Long integer(Field f) {
    if (yaml instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
      try {
        long v = Long.decode(s.getValue().replace("_", ""));
        if (v < f.min() || v > f.max()) {
          problem(f.name() + " must be between " + f.min() + " and " + f.max() + ", not " + v);
          return null;
        }
        return v;
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    String shown = yaml instanceof ScalarNode s ? "'" + s.getValue() + "'" : "a " + kindOf();
    problem(f.name() + " must be a whole number" + unit(f) + ", not " + shown);
    return null;
  }

  private static String unit(Field f) {
    return f.description().contains("MiB") ? " of MiB (e.g. 512)" : "";
  }

  Boolean bool(String name) {
    if (yaml instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
      return Boolean.parseBoolean(s.getValue().toLowerCase());
    }
    problem(name + " must be true or false");
    return null;
  }

  String oneOf(Field f) {
    String v = string(f.name());
    if (v == null) {
      return null;
    }
    if (!f.allowed().contains(v)) {
      String hint = "";
      int best = Integer.MAX_VALUE;
      for (String a : f.allowed()) {
        int d = distance(v, a);
        if (d < best && d <= 2) {
          best = d;
          hint = " (did you mean '" + a + "'?)";
        }
      }
      problem(
          f.name()
              + " must be one of "
              + String.join(", ", f.allowed())
              + "; not '"
              + v
              + "'"
              + hint);
      return null;
    }
    return v;
  }

  List<Node> items(String name) {
    if (yaml instanceof SequenceNode s) {
      List<Node> out = new ArrayList<>();
      for (org.snakeyaml.engine.v2.nodes.Node n : s.getValue()) {
        out.add(new Node(n, file, problems));
      }
      return out;
    }
    problem(name + " must be a list (- item)");
    return List.of();
  }

  Map<String, String> stringMap(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!(yaml instanceof MappingNode m)) {
      problem(name + " must be a mapping of names to text");
      return out;
    }
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v) {
        if (!k.getValue().isBlank()) {
          out.putIfAbsent(
              k.getValue(), v.getValue()); // KeyCheck has reported empty and duplicate keys
        }
      } else {
        new Node(t.getKeyNode(), file, problems).problem(name + " entries must be name: text");
      }
    }
    return out;
  }

  List<String> stringList(String name) {
    List<String> out = new ArrayList<>();
    for (Node n : items(name)) {
      String s = n.string(name + " entries");
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** User text as a message shows it: control characters escaped, long text cut short. */
  static String shown(String text) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    for (; i < text.length() && b.length() < 80; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return i < text.length() ? b + "..." : b.toString();
  }

  static String quote(String text) {
    return "'" + shown(text) + "'";
  }

  private String kindOf() {
    return yaml instanceof MappingNode
        ? "mapping"
        : yaml instanceof SequenceNode ? "list" : "value";
  }
}
