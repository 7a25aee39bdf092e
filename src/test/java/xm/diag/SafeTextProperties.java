package xm.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Escaped text is one line without control characters, and text that needs nothing is kept as it
 * is.
 */
class SafeTextProperties {
  @Provide
  Arbitrary<String> hostile() {
    return xm.testing.HostileText.strings();
  }

  @Property(tries = 500)
  void one_line_has_no_control_characters_at_all(@ForAll("hostile") String text) {
    String s = SafeText.oneLine(text);
    for (int i = 0; i < s.length(); i++) {
      assertFalse(SafeText.unsafe(s.charAt(i)), () -> "raw control character in " + s);
    }
  }

  @Property(tries = 500)
  void for_a_terminal_only_newlines_and_tabs_stay(@ForAll("hostile") String text) {
    String s = SafeText.forTerminal(text);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      assertTrue(
          !SafeText.unsafe(c) || c == '\n' || c == '\t', () -> "raw control character in " + s);
    }
    assertEquals(
        text.chars().filter(c -> c == '\n').count(), s.chars().filter(c -> c == '\n').count());
  }

  @Property(tries = 300)
  void escaping_is_unambiguous(@ForAll("hostile") String a, @ForAll("hostile") String b) {
    if (!a.equals(b)) {
      assertFalse(
          SafeText.oneLine(a).equals(SafeText.oneLine(b)), a + " and " + b + " look the same");
    }
  }

  @Example
  void escapes_read_as_python_wrote_them() {
    assertEquals(
        "plain text: /boot/vmlinuz root=/dev/sda1",
        SafeText.oneLine("plain text: /boot/vmlinuz root=/dev/sda1"));
    assertEquals("a\\nb\\r\\x1b[2J\\\\ \\u202e", SafeText.oneLine("a\nb\r\u001b[2J\\ \u202e"));
    assertEquals("a\nb\\x1b]0;pwned\\x07", SafeText.forTerminal("a\nb\u001b]0;pwned\u0007"));
  }
}
