package xm.config.py;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Python 2 operator semantics for config values. */
final class Operators {
  private Operators() {}

  static Object binary(String op, Object a, Object b, Node at) {
    if (op.equals("%") && a instanceof String fmt) {
      return PercentFormat.format(fmt, b, at);
    }
    if (op.equals("+")) {
      if (a instanceof String x && b instanceof String y) {
        return x + y;
      }
      if (a instanceof List<?> x && b instanceof List<?> y) {
        List<Object> out = new ArrayList<>(x);
        out.addAll(y);
        return out;
      }
      if (a instanceof Tuple x && b instanceof Tuple y) {
        List<Object> out = new ArrayList<>(x.items());
        out.addAll(y.items());
        return new Tuple(out);
      }
    }
    if (op.equals("*")) {
      if (a instanceof String s && b instanceof Long n) {
        return s.repeat((int) Math.max(0, n));
      }
      if (a instanceof List<?> l && b instanceof Long n) {
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
          out.addAll(l);
        }
        return out;
      }
    }
    if (isNumber(a) && isNumber(b)) {
      if (a instanceof Double || b instanceof Double) {
        double x = num(a);
        double y = num(b);
        return switch (op) {
          case "+" -> x + y;
          case "-" -> x - y;
          case "*" -> x * y;
          case "/" -> {
            if (y == 0) {
              throw new PyError("ZeroDivisionError", "float division by zero", at);
            }
            yield x / y;
          }
          case "//" -> Math.floor(x / y);
          case "%" -> x - Math.floor(x / y) * y;
          default -> throw unsupported(op, a, b, at);
        };
      }
      long x = (long) num(a);
      long y = (long) num(b);
      return switch (op) {
        case "+" -> Math.addExact(x, y);
        case "-" -> Math.subtractExact(x, y);
        case "*" -> Math.multiplyExact(x, y);
        case "/", "//", "%" -> {
          if (y == 0) {
            throw new PyError("ZeroDivisionError", "integer division or modulo by zero", at);
          }
          yield op.equals("%") ? Math.floorMod(x, y) : Math.floorDiv(x, y);
        }
        default -> throw unsupported(op, a, b, at);
      };
    }
    throw unsupported(op, a, b, at);
  }

  private static PyError unsupported(String op, Object a, Object b, Node at) {
    return new PyError("TypeError", "unsupported operand type(s) for " + op + ": '" + Values.typeName(a)
        + "' and '" + Values.typeName(b) + "'", at);
  }

  static boolean isNumber(Object v) {
    return v instanceof Long || v instanceof Double || v instanceof Boolean;
  }

  static double num(Object v) {
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return ((Number) v).doubleValue();
  }

  static Object unary(String op, Object v, Node at) {
    if (op.equals("not")) {
      return !Values.truthy(v);
    }
    if (v instanceof Long l) {
      return op.equals("-") ? -l : l;
    }
    if (v instanceof Double d) {
      return op.equals("-") ? -d : d;
    }
    throw new PyError("TypeError", "bad operand type for unary " + op + ": '" + Values.typeName(v) + "'", at);
  }

  static Object compare(String op, Object a, Object b, Node at) {
    switch (op) {
      case "==":
        return Values.equal(a, b);
      case "!=":
        return !Values.equal(a, b);
      case "is":
        return a == b || (a != null && a.equals(b) && !(a instanceof List));
      case "is not":
        return !(a == b || (a != null && a.equals(b) && !(a instanceof List)));
      case "in":
        return contains(b, a, at);
      case "not in":
        return !contains(b, a, at);
      default:
        break;
    }
    int c;
    if (isNumber(a) && isNumber(b)) {
      c = Double.compare(num(a), num(b));
    } else if (a instanceof String x && b instanceof String y) {
      c = x.compareTo(y);
    } else {
      throw new PyError("TypeError", "cannot compare '" + Values.typeName(a) + "' with '" + Values.typeName(b) + "'", at);
    }
    return switch (op) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  private static boolean contains(Object container, Object item, Node at) {
    if (container instanceof String s) {
      if (!(item instanceof String i)) {
        throw new PyError("TypeError", "'in <string>' requires string as left operand", at);
      }
      return s.contains(i);
    }
    if (container instanceof Map<?, ?> m) {
      return m.containsKey(item);
    }
    for (Object o : iterate(container, at)) {
      if (Values.equal(o, item)) {
        return true;
      }
    }
    return false;
  }

  static List<Object> iterate(Object v, Node at) {
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    if (v instanceof Tuple t) {
      return t.items();
    }
    if (v instanceof String s) {
      List<Object> out = new ArrayList<>();
      for (char c : s.toCharArray()) {
        out.add(String.valueOf(c));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      return new ArrayList<>(m.keySet());
    }
    throw new PyError("TypeError", "'" + Values.typeName(v) + "' object is not iterable", at);
  }

  static Object attribute(Object target, String name, Node at) {
    if (target instanceof Module m) {
      if (m.attributes().containsKey(name)) {
        return m.attributes().get(name);
      }
      throw new PyError("AttributeError", Values.typeName(m) + " has no attribute '" + name + "'", at);
    }
    Object method = Builtins.method(target, name);
    if (method != null) {
      return method;
    }
    throw new PyError("AttributeError", "'" + Values.typeName(target) + "' object has no attribute '" + name + "'", at);
  }

  static Object index(Object target, Object idx, Node at) {
    if (target instanceof Map<?, ?> m) {
      if (!m.containsKey(idx)) {
        throw new PyError("KeyError", Values.repr(idx), at);
      }
      return m.get(idx);
    }
    if (!(idx instanceof Long i)) {
      throw new PyError("TypeError", "indices must be integers, not " + Values.typeName(idx), at);
    }
    List<Object> items = target instanceof String ? iterate(target, at) : iterate(target, at);
    long k = i < 0 ? items.size() + i : i;
    if (k < 0 || k >= items.size()) {
      throw new PyError("IndexError", "index " + i + " out of range", at);
    }
    return items.get((int) k);
  }

  static Object slice(Object target, Object from, Object to, Node at) {
    int size = target instanceof String s ? s.length() : iterate(target, at).size();
    int a = bound(from, 0, size, at);
    int b = bound(to, size, size, at);
    if (b < a) {
      b = a;
    }
    if (target instanceof String s) {
      return s.substring(a, b);
    }
    List<Object> out = new ArrayList<>(iterate(target, at).subList(a, b));
    return target instanceof Tuple ? new Tuple(out) : out;
  }

  private static int bound(Object v, int dflt, int size, Node at) {
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Long l)) {
      throw new PyError("TypeError", "slice indices must be integers", at);
    }
    long k = l < 0 ? size + l : l;
    return (int) Math.max(0, Math.min(size, k));
  }
}
