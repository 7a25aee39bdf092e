package xm.config.py;

import java.util.List;
import java.util.Map;

/** Python semantics for the values a config script handles: truth, equality, str and repr. */
final class Values {
  private Values() {}

  static boolean truthy(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    if (v instanceof Double d) {
      return d != 0.0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof List<?> l) {
      return !l.isEmpty();
    }
    if (v instanceof Tuple t) {
      return !t.items().isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  static String typeName(Object v) {
    if (v == null) {
      return "NoneType";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "float";
    }
    if (v instanceof String) {
      return "str";
    }
    if (v instanceof List) {
      return "list";
    }
    if (v instanceof Tuple) {
      return "tuple";
    }
    if (v instanceof Map) {
      return "dict";
    }
    if (v instanceof Module m) {
      return "module '" + m.name() + "'";
    }
    return "function";
  }

  /**
   * Python's {@code ==}; lists, tuples and dicts compare item by item, as deep as {@link
   * Limits#MAX_DEPTH}.
   */
  static boolean equal(Object a, Object b, Node at, Budget budget) {
    return equal(a, b, 0, at, budget);
  }

  private static boolean equal(Object a, Object b, int depth, Node at, Budget budget) {
    Limits.depth(depth, at);
    budget.charge(1, at);
    if (a == b) {
      return true;
    }
    if (Operators.isNumber(a) && Operators.isNumber(b)) {
      if (a instanceof Double || b instanceof Double) {
        return Operators.num(a) == Operators.num(b);
      }
      return asLong(a) == asLong(b);
    }
    if (a instanceof String x && b instanceof String y) {
      budget.charge(Math.min(x.length(), y.length()), at);
      return x.equals(y);
    }
    List<?> xs = a instanceof List<?> l ? l : null;
    List<?> ys = b instanceof List<?> l ? l : null;
    if (a instanceof Tuple t && b instanceof Tuple u) {
      xs = t.items();
      ys = u.items();
    }
    if (xs != null && ys != null) {
      if (xs.size() != ys.size()) {
        return false;
      }
      for (int i = 0; i < xs.size(); i++) {
        if (!equal(xs.get(i), ys.get(i), depth + 1, at, budget)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!y.containsKey(e.getKey())
            || !equal(e.getValue(), y.get(e.getKey()), depth + 1, at, budget)) {
          return false;
        }
      }
      return true;
    }
    return java.util.Objects.equals(a, b);
  }

  private static long asLong(Object v) {
    return v instanceof Boolean b ? (b ? 1 : 0) : (Long) v;
  }

  /**
   * {@code v} as a dict key: Python refuses lists and dicts (they are unhashable); a tuple key is
   * walked once here, bounded in depth, so that hashing it later cannot run out of stack. Booleans
   * become 0 and 1, as Python's {@code {True: 1}[1]} finds them.
   */
  static Object key(Object v, Node at, Budget budget) {
    checkHashable(v, 0, at, budget);
    return v instanceof Boolean b ? (Object) (b ? 1L : 0L) : v;
  }

  private static void checkHashable(Object v, int depth, Node at, Budget budget) {
    Limits.depth(depth, at);
    budget.charge(1, at);
    if (v instanceof List || v instanceof Map) {
      throw new PyError("TypeError", "unhashable type: '" + typeName(v) + "'", at);
    }
    if (v instanceof Tuple t) {
      for (Object o : t.items()) {
        checkHashable(o, depth + 1, at, budget);
      }
    }
  }

  static String str(Object v) {
    if (v instanceof String s) {
      return s;
    }
    return repr(v);
  }

  /**
   * Python's repr(); longer than {@link Limits#MAX_STRING} or deeper than {@link Limits#MAX_DEPTH}
   * is an error.
   */
  static String repr(Object v) {
    Out out = new Out(Limits.MAX_STRING, false);
    if (!out.value(v, 0)) {
      Limits.string(Limits.MAX_STRING + 1L, null);
    }
    return out.b.toString();
  }

  /** A repr short enough for an error message. */
  static String brief(Object v) {
    Out out = new Out(60, true);
    return out.value(v, 0) ? out.b.toString() : out.b + "...";
  }

  /**
   * A repr being written; {@code value} answers false once it would pass {@code max} characters.
   */
  private static final class Out {
    final StringBuilder b = new StringBuilder();
    final int max;
    final boolean brief;

    Out(int max, boolean brief) {
      this.max = max;
      this.brief = brief;
    }

    boolean append(String s) {
      if (b.length() + (long) s.length() > max) {
        b.append(s, 0, max - b.length());
        return false;
      }
      b.append(s);
      return true;
    }

    boolean value(Object v, int depth) {
      if (depth > Limits.MAX_DEPTH && brief) {
        return false;
      }
      Limits.depth(depth, null);
      if (v instanceof String s) {
        return append(quote(s));
      }
      if (v instanceof List<?> l) {
        return items("[", l, "]", depth);
      }
      if (v instanceof Tuple t) {
        return items("(", t.items(), t.items().size() == 1 ? ",)" : ")", depth);
      }
      if (v instanceof Map<?, ?> m) {
        if (!append("{")) {
          return false;
        }
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!append(first ? "" : ", ")
              || !value(e.getKey(), depth + 1)
              || !append(": ")
              || !value(e.getValue(), depth + 1)) {
            return false;
          }
          first = false;
        }
        return append("}");
      }
      return append(scalar(v));
    }

    private boolean items(String open, List<?> items, String close, int depth) {
      if (!append(open)) {
        return false;
      }
      for (int i = 0; i < items.size(); i++) {
        if (!append(i > 0 ? ", " : "") || !value(items.get(i), depth + 1)) {
          return false;
        }
      }
      return append(close);
    }
  }

  private static String scalar(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof Double d) {
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e16) {
        return Long.toString(d.longValue()) + ".0";
      }
      return Double.toString(d);
    }
    if (v instanceof Module m) {
      return "<module '" + m.name() + "'>";
    }
    return v.toString();
  }

  /**
   * A string literal that Python 2, Python 3 and this interpreter all read back as {@code s}:
   * backslash, the quote and every control character are escaped ({@code \n}, {@code \t}, {@code
   * \r}, else {@code \xNN}), so the literal is always one line of text.
   */
  static String quote(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder(s.length() + 2).append(q);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == q || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append(q).toString();
  }
}
