package xm.diag;

/**
 * Text from users (names, paths, command lines, config values) made safe to write into a
 * line-oriented log and to show on a terminal. A newline in an argument must not start a second,
 * forged log record, and an escape sequence in a log must not reach the terminal that shows it (it
 * could move the cursor, retitle the window or hide the lines before it).
 *
 * <p>Escapes are Python's {@code repr} style, as xend's logs showed strings: {@code \n}, {@code
 * \r}, {@code \t}, {@code \\}, {@code \x1b} for other C0 controls and DEL, and {@code \u0085}-style
 * for C1 controls, line and paragraph separators and bidirectional overrides (which reorder what a
 * reader sees).
 */
public final class SafeText {
  private SafeText() {}

  /**
   * {@code text} as one line: every control character (newline included) and the backslash escaped,
   * so the result never spans lines and can be told apart from text that merely looks escaped. For
   * writing records.
   */
  public static String oneLine(String text) {
    if (text == null || clean(text, false)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    appendEscaped(out, text, false);
    return out.toString();
  }

  /**
   * {@code text} for a terminal: line breaks ({@code \n}) and tabs kept, every other control
   * character escaped. For showing what was written before (logs written by older versions,
   * consoles, hand-edited files); backslashes are left alone so lines written by {@link #oneLine}
   * show as they were written.
   */
  public static String forTerminal(String text) {
    if (text == null || clean(text, true)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    appendEscaped(out, text, true);
    return out.toString();
  }

  /**
   * {@code text} for one {@code Error:} line: every control character escaped, newline and tab too,
   * so a value quoted in a message (a name or path typed with a newline) cannot start a second line
   * that reads as another error; backslashes are left alone, as on a terminal.
   */
  public static String errorLine(String text) {
    if (text == null) {
      return null;
    }
    String shown = forTerminal(text);
    if (shown.indexOf('\n') < 0 && shown.indexOf('\t') < 0) {
      return shown;
    }
    return shown.replace("\n", "\\n").replace("\t", "\\t");
  }

  private static boolean clean(String text, boolean terminal) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean kept = terminal && (c == '\n' || c == '\t');
      if (unsafe(c) && !kept || c == '\\' && !terminal) {
        return false;
      }
    }
    return true;
  }

  private static void appendEscaped(StringBuilder out, String text, boolean terminal) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (terminal && (c == '\n' || c == '\t')) {
        out.append(c);
      } else if (c == '\\') {
        out.append(terminal ? "\\" : "\\\\");
      } else if (!unsafe(c)) {
        out.append(c);
      } else {
        switch (c) {
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x100) {
              out.append("\\x")
                  .append(Character.forDigit(c >> 4, 16))
                  .append(Character.forDigit(c & 15, 16));
            } else {
              out.append(String.format("\\u%04x", (int) c));
            }
          }
        }
      }
    }
  }

  /**
   * C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional
   * embeddings, overrides and isolates.
   */
  static boolean unsafe(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
