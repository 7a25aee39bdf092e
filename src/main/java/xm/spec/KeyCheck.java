package xm.spec;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Finds duplicate and empty keys in every mapping of a document, wherever it is (labels, extras,
 * a disk, an unknown field's value): YAML says keys are unique, and a reader that kept the first
 * or the last silently would apply something the user did not see. One pass before the document
 * is read, so every mapping is covered by one rule with one message.
 */
final class KeyCheck {
  private KeyCheck() {}

  static void check(org.snakeyaml.engine.v2.nodes.Node document, String file, List<String> problems) {
    // Visited collections: an alias makes a node reachable twice (or from inside itself);
    // each is checked once, so aliases cost nothing extra and cycles end.
    walk(document, "the document", file, problems, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  /** Recursion is bounded: the parser refuses documents deeper than SpecLimits.maxDepth. */
  private static void walk(org.snakeyaml.engine.v2.nodes.Node n, String where, String file, List<String> problems,
      Set<org.snakeyaml.engine.v2.nodes.Node> seen) {
    if (n instanceof ScalarNode || !seen.add(n)) {
      return;
    }
    if (n instanceof SequenceNode s) {
      for (org.snakeyaml.engine.v2.nodes.Node item : s.getValue()) {
        walk(item, where, file, problems, seen);
      }
      return;
    }
    if (!(n instanceof MappingNode m)) {
      return;
    }
    Map<String, ScalarNode> first = new HashMap<>();
    for (NodeTuple t : m.getValue()) {
      String inner = where;
      if (t.getKeyNode() instanceof ScalarNode k) {
        String key = k.getValue();
        Node at = new Node(k, file, problems);
        if (key.isBlank()) {
          at.problem("empty key in " + where + "; give the entry a name");
        } else {
          ScalarNode earlier = first.putIfAbsent(key, k);
          if (earlier != null) {
            Node was = new Node(earlier, file, problems);
            at.problem("duplicate key " + Node.quote(key) + " in " + where + " (first at " + was.location().line() + ":"
                + was.location().column() + "); keep one");
          }
          inner = Node.shown(key);
        }
      } else {
        walk(t.getKeyNode(), where, file, problems, seen);
      }
      walk(t.getValueNode(), inner, file, problems, seen);
    }
  }
}
