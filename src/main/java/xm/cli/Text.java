package xm.cli;

/** Fixed-width text without String.format (kept off the start-up path). */
public final class Text {
  private Text() {}

  /** {@code s} left-justified in {@code width} columns ({@code %-Ns}). */
  public static String left(String s, int width) {
    if (s.length() >= width) {
      return s;
    }
    StringBuilder b = new StringBuilder(width).append(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }

  /** {@code s} right-justified in {@code width} columns ({@code %Ns}). */
  public static String right(String s, int width) {
    if (s.length() >= width) {
      return s;
    }
    StringBuilder b = new StringBuilder(width);
    for (int i = s.length(); i < width; i++) {
      b.append(' ');
    }
    return b.append(s).toString();
  }

  /**
   * {@code v} with one decimal, as {@code %.1f} (half-even like C's printf on exact binary values).
   */
  public static String oneDecimal(double v) {
    return new java.math.BigDecimal(v)
        .setScale(1, java.math.RoundingMode.HALF_EVEN)
        .toPlainString();
  }

  /** Wraps {@code text} at spaces into lines of at most {@code width} characters. */
  public static java.util.List<String> wrap(String text, int width) {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (text.length() < width) {
      out.add(text);
      return out;
    }
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        out.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      out.add(line.toString());
    }
    return out;
  }

  /**
   * {@code s} with control characters (C0 but tab, DEL, C1) shown as {@code ?}: text from hosts and
   * specs never moves a terminal's cursor or colours it, and never breaks a report.
   */
  public static String printable(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f);
      if (control && b == null) {
        b = new StringBuilder(s.substring(0, i));
      }
      if (b != null) {
        b.append(control ? '?' : c);
      }
    }
    return b == null ? s : b.toString();
  }
}
