package xm.sxp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.diag.XmException;
import xm.testing.Bounded;

/**
 * Nesting of any depth is read or refused with its line:column, never a StackOverflowError: a state
 * file of 200,000 parentheses used to end the JVM's stack. What is read is printed back without
 * running out of stack either.
 */
class SxpDepthProperties {

  @Property(tries = 200)
  void any_nesting_parses_within_the_bound_or_is_a_located_error(@ForAll("nestings") String text) {
    Bounded.run(
        text,
        () -> {
          try {
            Sxp s = SxpParser.parseOne("f.sxp", text);
            assertTrue(depth(s) <= SxpParser.MAX_DEPTH, "read deeper than the bound");
            String printed = SxpPrinter.exact(s);
            assertEquals(
                printed,
                SxpPrinter.exact(SxpParser.parseOne("f.sxp", printed)),
                "prints back as it reads");
          } catch (XmException e) {
            assertTrue(e.getMessage().matches("f\\.sxp:\\d+:\\d+: .*"), e.getMessage());
          }
          return null;
        });
  }

  @Property(tries = 20)
  void exactly_the_bound_is_read_and_one_more_is_refused(@ForAll("spaces") String gap) {
    int max = SxpParser.MAX_DEPTH;
    String ok = ("(" + gap).repeat(max) + "a" + ")".repeat(max);
    assertEquals(max, depth(SxpParser.parseOne("f", ok)));
    String deep = ("(" + gap).repeat(max + 1) + "a" + ")".repeat(max + 1);
    XmException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            XmException.class, () -> SxpParser.parseOne("f", deep));
    assertTrue(e.getMessage().contains("nest more than " + max + " deep"), e.getMessage());
  }

  @Provide
  Arbitrary<String> spaces() {
    return Arbitraries.of("", " ", "\n", "x ", "# c\n");
  }

  @Provide
  Arbitrary<String> nestings() {
    Arbitrary<Integer> depths =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 200),
            Arbitraries.of(63, 64, 65, 1000, 10_000, 200_000, 1_000_000));
    Arbitrary<Integer> closes =
        Arbitraries.oneOf(Arbitraries.just(-1), Arbitraries.integers().between(0, 300));
    Arbitrary<String> atoms = Arbitraries.of("", "a", "'q'", "(b c)", " ", "\n");
    return Combinators.combine(depths, closes, atoms)
        .as((d, c, a) -> "(".repeat(d) + a + ")".repeat(c < 0 ? d : c));
  }

  private static int depth(Sxp s) {
    int max = 0;
    // iterative: the test must not be the thing that runs out of stack
    java.util.ArrayDeque<Object[]> todo = new java.util.ArrayDeque<>();
    todo.push(new Object[] {s, 0});
    while (!todo.isEmpty()) {
      Object[] t = todo.pop();
      if (t[0] instanceof Sxp.SList l) {
        int d = (int) t[1] + 1;
        max = Math.max(max, d);
        for (Sxp x : l.items()) {
          todo.push(new Object[] {x, d});
        }
      }
    }
    return max;
  }
}
