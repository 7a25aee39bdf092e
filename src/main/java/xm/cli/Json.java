package xm.cli;

import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for {@code -o json}: maps (in their order), lists, strings, numbers, booleans
 * and null, indented by two spaces. Enough for xm's documented shapes, and cheap to load.
 */
public final class Json {
  private Json() {}

  public static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(value, 0, b);
    return b.append('\n').toString();
  }

  private static void write(Object v, int indent, StringBuilder b) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      string(s, b);
    } else if (v instanceof Double d) {
      b.append(d.isNaN() || d.isInfinite() ? "null" : decimal(d));
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        b.append("{}");
        return;
      }
      b.append("{\n");
      int n = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        pad(indent + 2, b);
        string(String.valueOf(e.getKey()), b);
        b.append(": ");
        write(e.getValue(), indent + 2, b);
        b.append(++n < m.size() ? ",\n" : "\n");
      }
      pad(indent, b);
      b.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        b.append("[]");
        return;
      }
      b.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        pad(indent + 2, b);
        write(l.get(i), indent + 2, b);
        b.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      pad(indent, b);
      b.append(']');
    } else {
      string(v.toString(), b);
    }
  }

  /** At most three decimals, trailing zeros dropped, always with a point: 4.8, 120.0, 0.052. */
  private static String decimal(double d) {
    String s =
        new java.math.BigDecimal(d)
            .setScale(3, java.math.RoundingMode.HALF_EVEN)
            .stripTrailingZeros()
            .toPlainString();
    return s.contains(".") ? s : s + ".0";
  }

  private static void pad(int n, StringBuilder b) {
    for (int i = 0; i < n; i++) {
      b.append(' ');
    }
  }

  private static void string(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append("\\u00")
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 15, 16));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
