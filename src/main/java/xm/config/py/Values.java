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

  static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof Boolean x && b instanceof Number y) {
      return (x ? 1 : 0) == y.doubleValue();
    }
    if (a instanceof Number x && b instanceof Boolean y) {
      return x.doubleValue() == (y ? 1 : 0);
    }
    return java.util.Objects.equals(a, b);
  }

  static String str(Object v) {
    if (v instanceof String s) {
      return s;
    }
    return repr(v);
  }

  static String repr(Object v) {
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
    if (v instanceof String s) {
      return quote(s);
    }
    if (v instanceof List<?> l) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        b.append(i > 0 ? ", " : "").append(repr(l.get(i)));
      }
      return b.append(']').toString();
    }
    if (v instanceof Tuple t) {
      StringBuilder b = new StringBuilder("(");
      for (int i = 0; i < t.items().size(); i++) {
        b.append(i > 0 ? ", " : "").append(repr(t.items().get(i)));
      }
      return b.append(t.items().size() == 1 ? ",)" : ")").toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.append(first ? "" : ", ").append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
        first = false;
      }
      return b.append('}').toString();
    }
    if (v instanceof Module m) {
      return "<module '" + m.name() + "'>";
    }
    return v.toString();
  }

  private static String quote(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder().append(q);
    for (char c : s.toCharArray()) {
      if (c == q || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\t') {
        b.append("\\t");
      } else {
        b.append(c);
      }
    }
    return b.append(q).toString();
  }
}
