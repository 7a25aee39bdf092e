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
 * Finds duplicate and empty keys in every mapping of a document, wherever it is (labels, extras, a
 * disk, an unknown field's value): YAML says keys are unique, and a reader that kept the first or
 * the last silently would apply something the user did not see. One pass before the document is
 * read, so every mapping is covered by one rule with one message.
 */
final class KeyCheck {
  private KeyCheck() {}

  static void check(
      org.snakeyaml.engine.v2.nodes.Node document, String file, List<String> problems) {
    // Visited collections: an alias makes a node reachable twice (or from inside itself);
    // each is checked once, so aliases cost nothing extra and cycles end.
    walk(
        document,
        "the document",
        file,
        problems,
        Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  /** Recursion is bounded: the parser refuses documents deeper than SpecLimits.maxDepth. */
  private static void walk(
      org.snakeyaml.engine.v2.nodes.Node n,
      String where,
      String file,
      List<String> problems,
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
    List<NodeTuple> tuples = m.getValue();
    // Most mappings have a handful of keys: compare those pairwise instead of building a map.
    Map<String, ScalarNode> first = tuples.size() > 8 ? new HashMap<>() : null;
    for (int i = 0; i < tuples.size(); i++) {
      NodeTuple t = tuples.get(i);
      String key = null;
      if (t.getKeyNode() instanceof ScalarNode k) {
        key = k.getValue();
        if (key.isBlank()) {
          new Node(k, file, problems).problem("empty key in " + where + "; give the entry a name");
        } else {
          ScalarNode earlier = first != null ? first.putIfAbsent(key, k) : earlier(tuples, i, key);
          if (earlier != null) {
            Node was = new Node(earlier, file, problems);
            new Node(k, file, problems)
                .problem(
                    "duplicate key "
                        + Node.quote(key)
                        + " in "
                        + where
                        + " (first at "
                        + was.location().line()
                        + ":"
                        + was.location().column()
                        + "); keep one");
          }
        }
      } else {
        walk(t.getKeyNode(), where, file, problems, seen);
      }
      if (!(t.getValueNode() instanceof ScalarNode)) {
        walk(
            t.getValueNode(),
            key == null || key.isBlank() ? where : Node.shown(key),
            file,
            problems,
            seen);
      }
    }
  }

  /** The first key before index {@code i} equal to {@code key}, or null. */
  private static ScalarNode earlier(List<NodeTuple> tuples, int i, String key) {
    for (int j = 0; j < i; j++) {
      if (tuples.get(j).getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return k;
      }
    }
    return null;
  }
}
