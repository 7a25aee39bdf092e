package xm.config.py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import xm.diag.XmException;
import xm.testing.Bounded;

/**
 * No config script, however it tries, makes the interpreter use more than bounded time, memory or
 * stack: values that would be too large are refused before they are built, loops of cheap
 * operations run out of budget, and the refusal names the line that asked for too much.
 */
class ScriptBoundsProperties {

  /**
   * Runs {@code text}; answers the error message, or null when it ran. Never a crash, hang or OOM.
   */
  static String outcome(String text) {
    return Bounded.run(
        text,
        () -> {
          try {
            ConfigScript.run("bomb.cfg", text, Map.of());
            return null;
          } catch (XmException e) {
            assertEquals(XmException.Kind.BAD_INPUT, e.kind(), e.getMessage());
            assertTrue(e.getMessage().startsWith("bomb.cfg:"), e.getMessage());
            return e.getMessage();
          }
        });
  }

  private static void refusedAt(String text, int line, String why) {
    String error = outcome(text);
    if (error == null) {
      fail("ran, but should have been refused: " + text);
    }
    assertTrue(error.startsWith("bomb.cfg:" + line + ":"), error);
    assertTrue(error.contains(why), error);
  }

  @Test
  void the_reported_bombs_are_refused_on_their_line() {
    refusedAt("x = 1\ny = '%999999999d' % 1\n", 2, "format width 999999999 is too large");
    refusedAt("x = 'a' * 1000000000\n", 1, "string too long (more than 1048576 characters)");
    refusedAt("x = [0] * 1000000000\n", 1, "list too long (more than 100000 items)");
    refusedAt("s = 'ab'\nfor i in range(40):\n    s = s + s\n", 3, "string too long");
    refusedAt("x = 'a' * 4294967297\n", 1, "string too long");
    refusedAt("x = ['a' * 1000000] * 100000\ny = str(x)\n", 2, "string too long");
    refusedAt("x = 'a' * 1000000\nfor i in range(100000):\n    y = x + 'b'\n", 3, "too much work");
    refusedAt(
        "x = 'a' * 1000000\ny = ('a' * 500000 + 'b') in x\nz = ' '.join([x] * 1000)\n",
        3,
        "string too long");
    refusedAt("x = 'ab' * 500000\ny = x.replace('a', x)\n", 2, "string too long");
    refusedAt(
        "l = []\nfor i in range(100000):\n    l.append(i)\nl.append(1)\n", 4, "list too long");
    refusedAt(
        "for i in range(100000):\n    for j in range(100000):\n        x = 1\n",
        3,
        "more than 1000000 steps");
    refusedAt("import re\nx = re.search('(.*a){12}c', 'a' * 40)\n", 2, "too much work");
    refusedAt("x = []\nfor i in range(200):\n    x = [x]\ny = repr(x)\n", 4, "nested too deeply");
    refusedAt("t = ()\nfor i in range(200):\n    t = (t,)\nd = {t: 1}\n", 4, "nested too deeply");
    refusedAt("x = []\nx.append(x)\ny = str(x)\n", 3, "nested too deeply");
    refusedAt("def f(n):\n    return f(n + 1)\nx = f(0)\n", 2, "maximum recursion depth");
  }

  @Test
  void the_source_itself_is_bounded() {
    refusedAt("x = 1\n" + "#".repeat(Limits.MAX_SOURCE_CHARS), 1, "config file too large");
    refusedAt("x = [" + "1, ".repeat(Limits.MAX_TOKENS) + "]\n", 1, "more than 100000 tokens");
  }

  /**
   * Operations that make large values, once or in loops: each runs within the time and memory
   * bound, or is refused with a located error (a limit, or an ordinary Python error such as adding
   * a list to a string, which generated scripts also make).
   */
  @Property(tries = 100)
  void large_values_and_loops_stay_within_bounds(@ForAll("bombs") String text) {
    outcome(text);
  }

  @Provide
  Arbitrary<String> bombs() {
    Arbitrary<Long> n =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 2_000_000),
            Arbitraries.longs().between(0, Long.MAX_VALUE),
            Arbitraries.of(4294967297L, 1L << 31, 1L << 20, 1L << 17));
    Arbitrary<String> seq =
        Arbitraries.of("'a'", "'abc'", "[0]", "[1, 2]", "'a' * 1000", "[0] * 1000");
    Arbitrary<String> single =
        Combinators.combine(
                seq,
                n,
                Arbitraries.of(
                    "x = %s * %d",
                    "x = %2$d * %1$s",
                    "x = ('%%%2$dd' %% 1) + str(%1$s)",
                    "x = '%%.%2$ds' %% %1$s",
                    "x = range(%2$d)",
                    "x = ' ' * (%2$d %% 9) + %1$s[:%2$d]"))
            .as((s, k, f) -> String.format(f, s, k));
    Arbitrary<String> doubling =
        Combinators.combine(
                seq,
                Arbitraries.integers().between(1, 64),
                Arbitraries.of(
                    "x = x + x",
                    "x = x * 2",
                    "x = [x, x]",
                    "x = (x, x)",
                    "x = str(x) + repr(x)",
                    "x = ','.join([x, x])"))
            .as((s, k, step) -> "x = " + s + "\nfor i in range(" + k + "):\n    " + step + "\n");
    Arbitrary<String> loops =
        Combinators.combine(
                Arbitraries.integers().between(1, 100_000),
                Arbitraries.integers().between(1, 100_000),
                Arbitraries.of(
                    "y = x + x",
                    "y = x in x",
                    "y = x == x[:]",
                    "y = x.split('a')",
                    "y = x.replace('a', 'bb')",
                    "y = len(str(x))",
                    "y = list(x)"))
            .as((a, b, op) -> "x = 'ab' * " + a + "\nfor i in range(" + b + "):\n    " + op + "\n");
    return Arbitraries.oneOf(single, doubling, loops);
  }

  /**
   * Nesting of every kind the grammar has, at any depth: parsed, or refused at the level that is
   * too deep.
   */
  @Property(tries = 150)
  void nesting_of_any_kind_and_depth_never_takes_the_stack(
      @ForAll("nestingKind") String kind, @ForAll @IntRange(min = 1, max = 30_000) int depth) {
    String text = nested(kind, depth);
    String error = outcome(text);
    if (error != null) {
      assertTrue(
          error.matches(
              "(?s)bomb\\.cfg:\\d+:\\d+: .*(nested too deeply|nests too deeply|more than \\d+ tokens"
                  + "|config file too large|maximum recursion depth).*"),
          error);
    }
    if (depth <= 20) {
      assertEquals(null, error, "shallow nesting of " + kind + " is ordinary Python: " + text);
    }
  }

  @Provide
  Arbitrary<String> nestingKind() {
    return Arbitraries.of(
        "parens",
        "lists",
        "dicts",
        "tuples",
        "minus",
        "not",
        "ifs",
        "elifs",
        "sum",
        "ifexpr",
        "calls",
        "subscripts",
        "attributes",
        "strings",
        "and");
  }

  static String nested(String kind, int n) {
    return switch (kind) {
      case "parens" -> "x = " + "(".repeat(n) + "1" + ")".repeat(n) + "\n";
      case "lists" -> "x = " + "[".repeat(n) + "]".repeat(n) + "\n";
      case "dicts" -> "x = " + "{1: ".repeat(n) + "1" + "}".repeat(n) + "\n";
      case "tuples" -> "x = " + "(1, ".repeat(n) + "1" + ")".repeat(n) + "\n";
      case "minus" -> "x = " + "- ".repeat(n) + "1\n";
      case "not" -> "x = " + "not ".repeat(n) + "1\n";
      case "ifs" -> {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(n, 1400); i++) {
          b.append(" ".repeat(i)).append("if True:\n");
        }
        yield b.append(" ".repeat(Math.min(n, 1400))).append("x = 1\n").toString();
      }
      case "elifs" ->
          "if False:\n    x = 0\n" + "elif False:\n    x = 1\n".repeat(n) + "else:\n    x = 2\n";
      case "sum" -> "a = 1\nx = a" + " + a".repeat(n) + "\n";
      case "and" -> "a = 1\nx = a" + " and a or a".repeat(n) + "\n";
      case "ifexpr" -> "x = 1" + " if 1 else 2".repeat(n) + "\n";
      case "calls" -> "def f(v):\n    return v\nx = " + "f(".repeat(n) + "1" + ")".repeat(n) + "\n";
      case "subscripts" -> "x = 'a'" + "[0]".repeat(n) + "\n";
      case "attributes" -> "x = 'a'" + ".strip()".repeat(n) + "\n";
      case "strings" -> "x = " + "'a' ".repeat(n) + "\n";
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /**
   * Long runs of binary operators and elif chains are evaluated in loops: only the token limit
   * bounds them.
   */
  @Test
  void long_flat_chains_run() {
    assertEquals(null, outcome(nested("sum", 20_000)));
    assertEquals(null, outcome(nested("elifs", 3_000)));
    assertEquals(null, outcome(nested("and", 10_000)));
    refusedAt(nested("parens", 3_000), 1, "nested too deeply (more than 100 levels");
    refusedAt(nested("ifs", 3_000), 101, "nested too deeply (more than 100 levels");
  }
}
