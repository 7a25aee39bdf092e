package xm.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import xm.testing.Bounded;

/**
 * Shapes of YAML the loader must answer with located errors, never a crash or a hang: nesting of
 * any depth and style, duplicate and empty keys in any mapping, alias bombs and alias cycles.
 */
class SpecShapeProperties {
  static final int LIMIT = SpecLimits.DEFAULT.maxDepth();

  /** The problems of loading {@code text}, or none; run with a time, memory and stack bound. */
  static List<String> problems(String text) {
    return Bounded.run(
        text,
        () -> {
          try {
            SpecLoader.parse("f.yaml", text);
            return List.of();
          } catch (SpecError e) {
            return e.problems();
          }
        });
  }

  static String domain(String labels, String spec) {
    return "apiVersion: xm/v1\nkind: Domain\nmetadata:\n  name: web1\n  labels: "
        + labels
        + "\nspec:\n  kernel: /boot/k\n"
        + spec;
  }

  // ---- nesting -------------------------------------------------------------------------------

  enum Style {
    FLOW_LIST,
    FLOW_MAP,
    FLOW_MIXED,
    COMPACT_LIST,
    BLOCK_MAP
  }

  /** A value nested {@code depth} collections deep, as YAML starting after "key: " at column 3. */
  static String nested(Style style, int depth) {
    return switch (style) {
      case FLOW_LIST -> "[".repeat(depth) + "]".repeat(depth);
      case FLOW_MAP -> "{a: ".repeat(depth) + "x" + "}".repeat(depth);
      case FLOW_MIXED -> {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
          open.append(i % 2 == 0 ? "[" : "{a: ");
          close.insert(0, i % 2 == 0 ? "]" : "}");
        }
        yield open + "x" + close;
      }
      case COMPACT_LIST -> "\n    " + "- ".repeat(depth) + "x";
      case BLOCK_MAP -> {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depth; i++) {
          b.append('\n').append(" ".repeat(4 + 2 * i)).append("a:");
        }
        yield b + " x";
      }
    };
  }

  @Property(tries = 200)
  void nesting_of_any_depth_is_refused_past_the_limit_with_its_place(
      @ForAll Style style, @ForAll @IntRange(min = 1, max = 5000) int depth) {
    int d =
        style == Style.BLOCK_MAP
            ? Math.min(depth, 400)
            : depth; // block indentation grows as depth squared
    List<String> problems = problems(domain(nested(style, d), ""));
    boolean tooDeep = 2 + d > LIMIT; // the document and metadata mappings hold labels
    assertEquals(
        tooDeep,
        problems.stream().anyMatch(p -> p.contains("nested more than " + LIMIT + " levels deep")),
        problems.toString());
    if (tooDeep) {
      assertEquals(1, problems.size(), problems.toString());
      assertTrue(
          problems.get(0).matches("f\\.yaml:\\d+:\\d+: nested more than 64 levels deep; .*"),
          problems.get(0));
    }
  }

  @Example
  void two_thousand_levels_name_the_line_and_column_where_the_limit_is_passed() {
    assertEquals(
        List.of(
            "f.yaml:5:73: nested more than 64 levels deep; a spec needs about 5 (is a bracket or an"
                + " indentation wrong?)"),
        problems(domain(nested(Style.FLOW_LIST, 2000), "")));
  }

  // ---- keys ----------------------------------------------------------------------------------

  @Provide
  Arbitrary<List<String>> keys() {
    return Arbitraries.of("tier", "app", "zone", "owner", "x", "tier ", "1")
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  @Property(tries = 300)
  void every_repeated_key_in_labels_or_extras_is_named_with_both_places(
      @ForAll("keys") List<String> keys, @ForAll boolean inExtras) {
    if (inExtras) { // extras keys must also be Python names (another rule): keep this test to
      // duplicates
      keys =
          keys.stream().map(k -> k.equals("tier ") ? "tier_" : k.equals("1") ? "n1" : k).toList();
    }
    StringBuilder map = new StringBuilder();
    Map<String, Integer> firstLine = new LinkedHashMap<>();
    List<String> expected = new ArrayList<>();
    int line =
        inExtras
            ? 9
            : 6; // the first entry's line: after "labels:", or after "spec:", "kernel:", "extras:"
    for (String k : keys) {
      map.append("\n    \"").append(k).append("\": v");
      Integer first = firstLine.putIfAbsent(k, line);
      if (first != null) {
        expected.add(
            "f.yaml:"
                + line
                + ":5: duplicate key '"
                + k
                + "' in "
                + (inExtras ? "extras" : "labels")
                + " (first at "
                + first
                + ":5); keep one");
      }
      line++;
    }
    String text = inExtras ? domain("{}", "  extras:" + map + "\n") : domain(map.toString(), "");
    List<String> problems = problems(text);
    assertEquals(expected, problems);
    if (expected.isEmpty()) {
      DomainSpec d = SpecLoader.parse("f.yaml", text).domains().get(0);
      assertEquals(
          firstLine.keySet(), inExtras ? d.config().extras().keySet() : d.labels().keySet());
    }
  }

  @Example
  void duplicate_keys_are_refused_in_every_mapping_of_a_document() {
    String text =
        "apiVersion: xm/v1\nkind: Domain\nkind: Domain\nmetadata: {name: web1}\nspec:\n  kernel: /boot/k\n"
            + "  disks:\n    - {source: \"phy:ram0\", target: xvda, target: xvdb}\n  security: {policy: p, label: l, label: m}\n";
    assertEquals(
        List.of(
            "f.yaml:3:1: duplicate key 'kind' in the document (first at 2:1); keep one",
            "f.yaml:8:42: duplicate key 'target' in disks (first at 8:28); keep one",
            "f.yaml:9:35: duplicate key 'label' in security (first at 9:25); keep one"),
        problems(text));
  }

  @Example
  void empty_keys_are_refused_wherever_they_are() {
    String text = domain("{\"\": a, \" \": b}", "  extras: {\"\": x}\n  \"\": 1\n");
    assertEquals(
        List.of(
            "f.yaml:5:12: empty key in labels; give the entry a name",
            "f.yaml:5:19: empty key in labels; give the entry a name",
            "f.yaml:8:12: empty key in extras; give the entry a name",
            "f.yaml:9:3: empty key in spec; give the entry a name"),
        problems(text));
  }

  @Example
  void keys_with_control_characters_are_shown_escaped() {
    List<String> problems = problems(domain("{\"a\\nb\": 1, \"a\\nb\": 2}", ""));
    assertEquals(
        List.of("f.yaml:5:23: duplicate key 'a\\nb' in labels (first at 5:12); keep one"),
        problems);
  }

  // ---- aliases -------------------------------------------------------------------------------

  @Example
  void an_alias_bomb_is_refused_quickly() {
    StringBuilder b = new StringBuilder("x0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      b.append("x")
          .append(i)
          .append(": &a")
          .append(i)
          .append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1))))
          .append("]\n");
    }
    List<String> problems =
        problems(
            b
                + "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: web1}\nspec: {kernel: /k, dependsOn: *a9}\n");
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems.get(0).contains("Number of aliases for non-scalar nodes exceeds"),
        problems.get(0));
  }

  @Property(tries = 50)
  void aliases_to_an_enclosing_collection_end(@ForAll @IntRange(min = 0, max = 3) int where) {
    String value =
        switch (where) {
          case 0 -> "&a {x: *a}";
          case 1 -> "&a [*a]";
          case 2 -> "&a {x: [{y: *a}]}";
          default -> "&a {*a : 1}";
        };
    List<String> problems = problems(domain(value, ""));
    assertFalse(problems.isEmpty());
  }

  @Example
  void shared_aliases_are_checked_once_and_read_as_copies() {
    String text =
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: web1, labels: &l {a: b}}\nspec:\n  kernel: /k\n"
            + "  extras: *l\n";
    assertEquals(List.of(), problems(text));
    assertEquals(
        Map.of("a", "b"), SpecLoader.parse("f.yaml", text).domains().get(0).config().extras());
  }
}
