package xm.config.py;

import java.util.List;
import java.util.Map;

/**
 * Python's {@code "format" % args}: %s %r %d %i %u %x %X %o %f %e %g %c %% with flags, width,
 * precision and %(key)s.
 */
final class PercentFormat {
  private PercentFormat() {}

  static String format(String fmt, Object args, Node at) {
    List<Object> positional =
        args instanceof Tuple t ? t.items() : List.of(args == null ? "None" : args);
    if (args == null) {
      positional = java.util.Collections.singletonList(null);
    }
    Map<?, ?> mapping = args instanceof Map<?, ?> m ? m : null;
    StringBuilder out = new StringBuilder();
    int next = 0;
    int i = 0;
    while (i < fmt.length()) {
      char c = fmt.charAt(i++);
      if (c != '%') {
        Limits.string(out.length() + 1L, at);
        out.append(c);
        continue;
      }
      if (i >= fmt.length()) {
        throw new PyError("ValueError", "incomplete format", at);
      }
      Object value;
      String key = null;
      if (fmt.charAt(i) == '(') {
        int close = fmt.indexOf(')', i);
        if (close < 0 || mapping == null) {
          throw new PyError("TypeError", "format requires a mapping", at);
        }
        key = fmt.substring(i + 1, close);
        i = close + 1;
      }
      StringBuilder flags = new StringBuilder();
      while (i < fmt.length() && "-+ 0#".indexOf(fmt.charAt(i)) >= 0) {
        flags.append(fmt.charAt(i++));
      }
      int width = -1;
      int start = i;
      while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
        i++;
      }
      if (i > start) {
        width = size("width", fmt.substring(start, i), at);
      }
      int precision = -1;
      if (i < fmt.length() && fmt.charAt(i) == '.') {
        start = ++i;
        while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
          i++;
        }
        precision = i > start ? size("precision", fmt.substring(start, i), at) : 0;
      }
      if (i >= fmt.length()) {
        throw new PyError("ValueError", "incomplete format", at);
      }
      char type = fmt.charAt(i++);
      if (type == '%') {
        out.append('%');
        continue;
      }
      if (key != null) {
        if (!mapping.containsKey(key)) {
          throw new PyError("KeyError", "'" + key + "'", at);
        }
        value = mapping.get(key);
      } else {
        if (next >= positional.size()) {
          throw new PyError("TypeError", "not enough arguments for format string", at);
        }
        value = positional.get(next++);
      }
      String text = convert(type, value, precision, flags.indexOf("+") >= 0, at);
      boolean left = flags.indexOf("-") >= 0;
      boolean zero = flags.indexOf("0") >= 0 && !left && "diuxXofeEgG".indexOf(type) >= 0;
      if (width > text.length()) {
        String pad = (zero ? "0" : " ").repeat(width - text.length());
        if (left) {
          text = text + pad;
        } else if (zero && (text.startsWith("-") || text.startsWith("+"))) {
          text = text.charAt(0) + pad + text.substring(1);
        } else {
          text = pad + text;
        }
      }
      Limits.string((long) out.length() + text.length(), at);
      out.append(text);
    }
    if (mapping == null && next < positional.size() && !(args instanceof Map)) {
      throw new PyError("TypeError", "not all arguments converted during string formatting", at);
    }
    return out.toString();
  }

  private static String convert(char type, Object v, int precision, boolean plus, Node at) {
    switch (type) {
      case 's':
        {
          String s = Values.str(v);
          return precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
        }
      case 'r':
        return Values.repr(v);
      case 'd':
      case 'i':
      case 'u':
        {
          long n = integer(v, at);
          return (plus && n >= 0 ? "+" : "") + n;
        }
      case 'x':
        return Long.toHexString(integer(v, at));
      case 'X':
        return Long.toHexString(integer(v, at)).toUpperCase();
      case 'o':
        return Long.toOctalString(integer(v, at));
      case 'c':
        {
          if (v instanceof String s) {
            return s;
          }
          long n = integer(v, at);
          if (n < 0 || n > 0xffff) {
            throw new PyError("OverflowError", "%c arg not in range(0x10000)", at);
          }
          return String.valueOf((char) n);
        }
      case 'f':
      case 'F':
      case 'e':
      case 'E':
      case 'g':
      case 'G':
        {
          if (!(v instanceof Number n)) {
            throw new PyError("TypeError", "a float is required", at);
          }
          if (precision > 100) {
            throw new PyError("ValueError", "precision too big (at most 100 digits here)", at);
          }
          String spec =
              "%"
                  + (plus ? "+" : "")
                  + "."
                  + (precision < 0 ? 6 : precision)
                  + Character.toLowerCase(type);
          return String.format(java.util.Locale.ROOT, spec, n.doubleValue());
        }
      default:
        throw new PyError("ValueError", "unsupported format character '" + type + "'", at);
    }
  }

  /**
   * A width or precision: at most the longest string a config may make, checked before any padding
   * is built.
   */
  private static int size(String what, String digits, Node at) {
    if (digits.length() > 9 || Integer.parseInt(digits) > Limits.MAX_STRING) {
      throw new PyError(
          "",
          "format "
              + what
              + " "
              + digits
              + " is too large (at most "
              + Limits.MAX_STRING
              + ", the longest string a config may make)",
          at);
    }
    return Integer.parseInt(digits);
  }

  private static long integer(Object v, Node at) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Double d) {
      return Builtins.truncate(d, at);
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    throw new PyError(
        "TypeError",
        "%d format: a number is required, not "
            + Values.typeName(v)
            + (v instanceof String
                ? " (command-line variables are strings: convert with int(...))"
                : ""),
        at);
  }
}
