package xm.testing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Text as a hostile user types it into arguments and files: newlines and carriage returns, terminal
 * escapes and bells, NUL, C1 controls, Unicode line separators and bidirectional overrides,
 * backslashes, brackets, parentheses and quotes (what log lines and S-expressions are made of),
 * mixed with letters and any character at all.
 */
public final class HostileText {
  private HostileText() {}

  public static Arbitrary<String> strings() {
    Arbitrary<Character> special =
        Arbitraries.of(
            '\n', '\r', '\t', '\u001b', '\u0007', '\u0000', '\u007f', '\u0085', '\u009b', '\u2028',
            '\u2029', '\u202e', '\u2066', '\\', '[', ']', '(', ')', '"', '\'', ' ');
    return Arbitraries.frequencyOf(
            Tuple.of(3, special),
            Tuple.of(1, Arbitraries.chars()),
            Tuple.of(3, Arbitraries.chars().alpha()))
        .list()
        .ofMaxSize(60)
        .map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat));
  }
}
