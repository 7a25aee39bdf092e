package xm.config.py;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python 2 operator semantics for config values. Whole numbers are 64-bit: a result outside that
 * range is refused (OverflowError) rather than wrapped or widened, and never goes through a double
 * on the way. Every operation checks the size of what it would make before making it ({@link
 * Limits}) and charges its work to the run's {@link Budget}.
 */
final class Operators {
  private Operators() {}

  static Object binary(String op, Object a, Object b, Node at, Budget budget) {
    if (op.equals("%") && a instanceof String fmt) {
      budget.charge(fmt.length(), at);
      String out = PercentFormat.format(fmt, b, at);
      budget.charge(out.length(), at);
      return out;
    }
    if (op.equals("+")) {
      if (a instanceof String x && b instanceof String y) {
        Limits.string((long) x.length() + y.length(), at);
        budget.charge((long) x.length() + y.length(), at);
        return x + y;
      }
      if (a instanceof List<?> x && b instanceof List<?> y) {
        return concat(x, y, at, budget);
      }
      if (a instanceof Tuple x && b instanceof Tuple y) {
        return new Tuple(concat(x.items(), y.items(), at, budget));
      }
    }
    if (op.equals("*")) {
      if (a instanceof Long && (b instanceof String || b instanceof List<?>)) {
        return repeat(b, (Long) a, at, budget);
      }
      if ((a instanceof String || a instanceof List<?>) && b instanceof Long n) {
        return repeat(a, n, at, budget);
      }
    }
    if (isNumber(a) && isNumber(b)) {
      budget.charge(1, at);
      if (a instanceof Double || b instanceof Double) {
        return floating(op, num(a), num(b), a, b, at);
      }
      return integer(op, whole(a), whole(b), a, b, at);
    }
    throw unsupported(op, a, b, at);
  }

  private static List<Object> concat(List<?> x, List<?> y, Node at, Budget budget) {
    Limits.items((long) x.size() + y.size(), at);
    budget.charge((long) x.size() + y.size(), at);
    List<Object> out = new ArrayList<>(x);
    out.addAll(y);
    return out;
  }

  /** {@code 'ab' * 3} and {@code [1] * 3}; the size is checked before anything is built. */
  private static Object repeat(Object seq, long n, Node at, Budget budget) {
    long count = Math.max(0, n);
    if (seq instanceof String s) {
      long length =
          s.isEmpty() ? 0 : count > Limits.MAX_STRING ? Long.MAX_VALUE : s.length() * count;
      Limits.string(length, at);
      budget.charge(length, at);
      return s.repeat((int) count);
    }
    List<?> l = (List<?>) seq;
    long size = l.isEmpty() ? 0 : count > Limits.MAX_ITEMS ? Long.MAX_VALUE : l.size() * count;
    Limits.items(size, at);
    budget.charge(size, at);
    List<Object> out = new ArrayList<>((int) size);
    for (long i = 0; i < count && !l.isEmpty(); i++) {
      out.addAll(l);
    }
    return out;
  }

  private static Object floating(String op, double x, double y, Object a, Object b, Node at) {
    if (y == 0 && (op.equals("/") || op.equals("//") || op.equals("%"))) {
      throw new PyError("ZeroDivisionError", "float division by zero", at);
    }
    return switch (op) {
      case "+" -> x + y;
      case "-" -> x - y;
      case "*" -> x * y;
      case "/" -> x / y;
      case "//" -> Math.floor(x / y);
      case "%" -> x - Math.floor(x / y) * y;
      default -> throw unsupported(op, a, b, at);
    };
  }

  private static Object integer(String op, long x, long y, Object a, Object b, Node at) {
    try {
      return switch (op) {
        case "+" -> Math.addExact(x, y);
        case "-" -> Math.subtractExact(x, y);
        case "*" -> Math.multiplyExact(x, y);
        case "/", "//", "%" -> {
          if (y == 0) {
            throw new PyError("ZeroDivisionError", "integer division or modulo by zero", at);
          }
          if (op.equals("%")) {
            yield Math.floorMod(x, y);
          }
          if (x == Long.MIN_VALUE && y == -1) {
            throw new ArithmeticException();
          }
          yield Math.floorDiv(x, y);
        }
        default -> throw unsupported(op, a, b, at);
      };
    } catch (ArithmeticException e) {
      throw overflow(x + " " + op + " " + y, at);
    }
  }

  /** The refusal of a whole number outside 64 bits; Python would widen it, no config needs that. */
  static PyError overflow(String what, Node at) {
    return new PyError(
        "OverflowError",
        what
            + " is outside the whole numbers xm config files support ("
            + Long.MIN_VALUE
            + " to "
            + Long.MAX_VALUE
            + ")",
        at);
  }

  private static PyError unsupported(String op, Object a, Object b, Node at) {
    return new PyError(
        "TypeError",
        "unsupported operand type(s) for "
            + op
            + ": '"
            + Values.typeName(a)
            + "' and '"
            + Values.typeName(b)
            + "'",
        at);
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

  /**
   * A whole number (or bool) as itself: no trip through a double, which loses digits above 2^53.
   */
  private static long whole(Object v) {
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return (Long) v;
  }

  static Object unary(String op, Object v, Node at) {
    if (op.equals("not")) {
      return !Values.truthy(v);
    }
    if (v instanceof Boolean b) {
      v = b ? 1L : 0L;
    }
    if (v instanceof Long l) {
      if (op.equals("-") && l == Long.MIN_VALUE) {
        throw overflow("-(" + l + ")", at);
      }
      return op.equals("-") ? -l : l;
    }
    if (v instanceof Double d) {
      return op.equals("-") ? -d : d;
    }
    throw new PyError(
        "TypeError", "bad operand type for unary " + op + ": '" + Values.typeName(v) + "'", at);
  }

  static Object compare(String op, Object a, Object b, Node at, Budget budget) {
    switch (op) {
      case "==":
        return Values.equal(a, b, at, budget);
      case "!=":
        return !Values.equal(a, b, at, budget);
      case "is":
        return same(a, b);
      case "is not":
        return !same(a, b);
      case "in":
        return contains(b, a, at, budget);
      case "not in":
        return !contains(b, a, at, budget);
      default:
        break;
    }
    int c;
    if (isNumber(a) && isNumber(b)) {
      c =
          a instanceof Double || b instanceof Double
              ? Double.compare(num(a), num(b))
              : Long.compare(whole(a), whole(b));
    } else if (a instanceof String x && b instanceof String y) {
      budget.charge(Math.min(x.length(), y.length()), at);
      c = x.compareTo(y);
    } else {
      throw new PyError(
          "TypeError",
          "cannot compare '" + Values.typeName(a) + "' with '" + Values.typeName(b) + "'",
          at);
    }
    return switch (op) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  /** Python's {@code is}: the same object for containers, the same value for the immutable rest. */
  private static boolean same(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a instanceof List || a instanceof Map || a instanceof Tuple || a == null || b == null) {
      return false;
    }
    return a.getClass() == b.getClass() && a.equals(b);
  }

  private static boolean contains(Object container, Object item, Node at, Budget budget) {
    if (container instanceof String s) {
      if (!(item instanceof String i)) {
        throw new PyError("TypeError", "'in <string>' requires string as left operand", at);
      }
      budget.charge((long) s.length() + i.length(), at);
      return Text.indexOf(s, i, 0) >= 0;
    }
    if (container instanceof Map<?, ?> m) {
      return m.containsKey(Values.key(item, at, budget));
    }
    List<?> items =
        container instanceof List<?> l ? l : container instanceof Tuple t ? t.items() : null;
    if (items == null) {
      throw new PyError(
          "TypeError", "argument of type '" + Values.typeName(container) + "' is not iterable", at);
    }
    budget.charge(items.size(), at);
    for (Object o : items) {
      if (Values.equal(o, item, at, budget)) {
        return true;
      }
    }
    return false;
  }

  /** The items a {@code for} loop, {@code list()}, {@code join} and the like walk over (a copy). */
  static List<Object> iterate(Object v, Node at, Budget budget) {
    budget.charge(Budget.size(v), at);
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    if (v instanceof Tuple t) {
      return t.items();
    }
    if (v instanceof String s) {
      Limits.items(s.length(), at);
      List<Object> out = new ArrayList<>(s.length());
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

  static Object attribute(Object target, String name, Node at, Budget budget) {
    if (target instanceof Module m) {
      if (m.attributes().containsKey(name)) {
        return m.attributes().get(name);
      }
      throw new PyError(
          "AttributeError", Values.typeName(m) + " has no attribute '" + name + "'", at);
    }
    Object method = Builtins.method(target, name, budget);
    if (method != null) {
      return method;
    }
    throw new PyError(
        "AttributeError",
        "'" + Values.typeName(target) + "' object has no attribute '" + name + "'",
        at);
  }

  static Object index(Object target, Object idx, Node at, Budget budget) {
    if (target instanceof Map<?, ?> m) {
      Object key = Values.key(idx, at, budget);
      if (!m.containsKey(key)) {
        throw new PyError("KeyError", Values.brief(idx), at);
      }
      return m.get(key);
    }
    if (!(idx instanceof Long i)) {
      throw new PyError("TypeError", "indices must be integers, not " + Values.typeName(idx), at);
    }
    int size = sequenceSize(target, at);
    long k = i < 0 ? size + i : i;
    if (k < 0 || k >= size) {
      throw new PyError("IndexError", "index " + i + " out of range", at);
    }
    if (target instanceof String s) {
      return String.valueOf(s.charAt((int) k));
    }
    return (target instanceof Tuple t ? t.items() : (List<?>) target).get((int) k);
  }

  static Object slice(Object target, Object from, Object to, Node at, Budget budget) {
    int size = sequenceSize(target, at);
    int a = bound(from, 0, size, at);
    int b = bound(to, size, size, at);
    if (b < a) {
      b = a;
    }
    budget.charge(b - a, at);
    if (target instanceof String s) {
      return s.substring(a, b);
    }
    List<Object> out =
        new ArrayList<>((target instanceof Tuple t ? t.items() : (List<?>) target).subList(a, b));
    return target instanceof Tuple ? new Tuple(out) : out;
  }

  private static int sequenceSize(Object target, Node at) {
    if (target instanceof String s) {
      return s.length();
    }
    if (target instanceof List<?> l) {
      return l.size();
    }
    if (target instanceof Tuple t) {
      return t.items().size();
    }
    throw new PyError(
        "TypeError", "'" + Values.typeName(target) + "' object is not subscriptable", at);
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
