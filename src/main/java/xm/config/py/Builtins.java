package xm.config.py;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The functions, exception names and modules (os, re) a config script can use. */
final class Builtins {
  private Builtins() {}

  static Map<String, Object> create(Budget budget) {
    Map<String, Object> b = new HashMap<>();
    b.put("int", (PyFunction) Builtins::toInt);
    b.put(
        "float",
        (PyFunction)
            (args, kw, at) -> {
              Object v = one("float", args, at);
              if (v instanceof String s) {
                try {
                  return Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                  throw new PyError("ValueError", "invalid literal for float(): " + s, at);
                }
              }
              if (Operators.isNumber(v)) {
                return Operators.num(v);
              }
              throw new PyError("TypeError", "float() argument must be a string or a number", at);
            });
    b.put("str", (PyFunction) (args, kw, at) -> args.isEmpty() ? "" : Values.str(args.get(0)));
    b.put("repr", (PyFunction) (args, kw, at) -> Values.repr(one("repr", args, at)));
    b.put("bool", (PyFunction) (args, kw, at) -> !args.isEmpty() && Values.truthy(args.get(0)));
    b.put(
        "len",
        (PyFunction)
            (args, kw, at) -> {
              Object v = one("len", args, at);
              if (v instanceof String
                  || v instanceof List
                  || v instanceof Tuple
                  || v instanceof Map) {
                return Budget.size(v);
              }
              throw new PyError(
                  "TypeError", "object of type '" + Values.typeName(v) + "' has no len()", at);
            });
    b.put(
        "abs",
        (PyFunction)
            (args, kw, at) -> {
              Object v = one("abs", args, at);
              if (v instanceof Long l) {
                if (l == Long.MIN_VALUE) {
                  throw Operators.overflow("abs(" + l + ")", at);
                }
                return Math.abs(l);
              }
              if (!Operators.isNumber(v)) {
                throw new PyError(
                    "TypeError", "bad operand type for abs(): '" + Values.typeName(v) + "'", at);
              }
              return v instanceof Boolean bo
                  ? (Object) (bo ? 1L : 0L)
                  : (Object) Math.abs(Operators.num(v));
            });
    b.put(
        "list",
        (PyFunction)
            (args, kw, at) ->
                args.isEmpty() ? new ArrayList<>() : Operators.iterate(args.get(0), at, budget));
    b.put(
        "range",
        (PyFunction)
            (args, kw, at) -> {
              long lo = 0;
              long hi;
              if (args.size() == 1) {
                hi = wholeArg("range", args.get(0), at);
              } else if (args.size() == 2) {
                lo = wholeArg("range", args.get(0), at);
                hi = wholeArg("range", args.get(1), at);
              } else {
                throw new PyError("TypeError", "range() takes 1 or 2 arguments here", at);
              }
              if (hi > lo && (hi - lo > Limits.MAX_ITEMS || hi - lo < 0)) {
                throw new PyError(
                    "ValueError",
                    "range() too large for a config file (more than "
                        + Limits.MAX_ITEMS
                        + " numbers)",
                    at);
              }
              budget.charge(Math.max(0, hi - lo), at);
              List<Object> out = new ArrayList<>();
              for (long i = lo; i < hi; i++) {
                out.add(i);
              }
              return out;
            });
    for (String name : new String[] {"min", "max"}) {
      b.put(
          name,
          (PyFunction)
              (args, kw, at) -> {
                List<Object> items =
                    args.size() == 1 ? Operators.iterate(args.get(0), at, budget) : args;
                if (items.isEmpty()) {
                  throw new PyError("ValueError", name + "() arg is an empty sequence", at);
                }
                Object best = items.get(0);
                for (Object o : items) {
                  boolean less = (Boolean) Operators.compare("<", o, best, at, budget);
                  if (name.equals("min")
                      ? less
                      : (Boolean) Operators.compare(">", o, best, at, budget)) {
                    best = o;
                  }
                }
                return best;
              });
    }
    for (String ex :
        new String[] {
          "ValueError",
          "TypeError",
          "Exception",
          "KeyError",
          "IndexError",
          "RuntimeError",
          "OverflowError"
        }) {
      b.put(ex, new Module(ex, Map.of()));
    }
    return b;
  }

  private static Object one(String fn, List<Object> args, Node at) {
    if (args.size() != 1) {
      throw new PyError(
          "TypeError", fn + "() takes exactly one argument (" + args.size() + " given)", at);
    }
    return args.get(0);
  }

  /** Argument {@code i} of a method, as text; a missing one is Python's TypeError. */
  private static String text(String fn, List<Object> args, int i, Node at) {
    if (args.size() <= i) {
      throw new PyError(
          "TypeError",
          fn
              + "() takes at least "
              + (i + 1)
              + " argument"
              + (i == 0 ? "" : "s")
              + " ("
              + args.size()
              + " given)",
          at);
    }
    return Values.str(args.get(i));
  }

  private static long wholeArg(String fn, Object v, Node at) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Boolean bo) {
      return bo ? 1 : 0;
    }
    throw new PyError(
        "TypeError", fn + "() integer argument expected, got " + Values.typeName(v), at);
  }

  /**
   * Python's int() of a float: toward zero; NaN, infinities and values beyond 64 bits are refused.
   */
  static long truncate(double d, Node at) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new PyError("ValueError", "cannot convert float " + Values.repr(d) + " to integer", at);
    }
    if (d >= 0x1p63 || d < -0x1p63) {
      throw Operators.overflow(Values.repr(d), at);
    }
    return (long) d;
  }

  private static Object toInt(List<Object> args, Map<String, Object> kw, Node at) {
    if (args.isEmpty()) {
      return 0L;
    }
    Object v = args.get(0);
    if (v instanceof String s) {
      long base = args.size() > 1 ? wholeArg("int", args.get(1), at) : 10;
      if (base < 2 || base > 36) {
        throw new PyError("ValueError", "int() base must be >= 2 and <= 36", at);
      }
      String t = s.trim();
      if (base == 16 && (t.startsWith("0x") || t.startsWith("0X"))) {
        t = t.substring(2);
      }
      java.math.BigInteger n;
      try {
        n = t.length() > 100 ? null : new java.math.BigInteger(t, (int) base);
      } catch (NumberFormatException e) {
        n = null;
      }
      if (n == null) {
        throw new PyError(
            "ValueError",
            "invalid literal for int() with base " + base + ": " + Values.brief(s),
            at);
      }
      if (n.bitLength() > 63) {
        throw Operators.overflow("int(" + Values.brief(s) + ")", at);
      }
      return n.longValue();
    }
    if (v instanceof Long) {
      return v;
    }
    if (v instanceof Double d) {
      return truncate(d, at);
    }
    if (v instanceof Boolean bo) {
      return bo ? 1L : 0L;
    }
    throw new PyError(
        "TypeError",
        "int() argument must be a string or a number, not '" + Values.typeName(v) + "'",
        at);
  }

  /** The modules a config may import, or null. */
  static Object module(String name, Budget budget) {
    return switch (name) {
      case "os" -> os();
      case "re" -> re(budget);
      case "os.path" -> os();
      case "string", "sys" -> new Module(name, Map.of());
      default -> null;
    };
  }

  private static Module os() {
    Map<String, Object> attrs = new HashMap<>();
    attrs.put(
        "uname",
        (PyFunction)
            (args, kw, at) -> {
              String arch = System.getProperty("os.arch", "x86_64");
              String machine = arch.equals("amd64") ? "x86_64" : arch;
              return new Tuple(List.of("Linux", "localhost", "2.6.18.8-xen", "#1 SMP", machine));
            });
    attrs.put(
        "getenv",
        (PyFunction)
            (args, kw, at) ->
                args.isEmpty()
                    ? null
                    : System.getenv(Values.str(args.get(0))) != null
                        ? System.getenv(Values.str(args.get(0)))
                        : args.size() > 1 ? args.get(1) : null);
    attrs.put(
        "getcwd",
        (PyFunction) (args, kw, at) -> java.nio.file.Path.of("").toAbsolutePath().toString());
    Map<String, Object> path = new HashMap<>();
    path.put(
        "basename",
        (PyFunction)
            (args, kw, at) -> {
              String p = Values.str(one("basename", args, at));
              return p.substring(p.lastIndexOf('/') + 1);
            });
    path.put(
        "dirname",
        (PyFunction)
            (args, kw, at) -> {
              String p = Values.str(one("dirname", args, at));
              int slash = p.lastIndexOf('/');
              return slash < 0 ? "" : slash == 0 ? "/" : p.substring(0, slash);
            });
    path.put(
        "isfile",
        (PyFunction)
            (args, kw, at) -> new java.io.File(Values.str(one("isfile", args, at))).isFile());
    path.put(
        "isdir",
        (PyFunction)
            (args, kw, at) -> new java.io.File(Values.str(one("isdir", args, at))).isDirectory());
    path.put(
        "exists",
        (PyFunction)
            (args, kw, at) -> new java.io.File(Values.str(one("exists", args, at))).exists());
    path.put(
        "join",
        (PyFunction)
            (args, kw, at) -> {
              StringBuilder sb = new StringBuilder();
              for (Object a : args) {
                String s = Values.str(a);
                if (s.startsWith("/")) {
                  sb.setLength(0);
                } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '/') {
                  sb.append('/');
                }
                Limits.string((long) sb.length() + s.length(), at);
                sb.append(s);
              }
              return sb.toString();
            });
    attrs.put("path", new Module("os.path", path));
    return new Module("os", attrs);
  }

  private static Module re(Budget budget) {
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("search", (PyFunction) (args, kw, at) -> match(args, at, false, budget));
    attrs.put("match", (PyFunction) (args, kw, at) -> match(args, at, true, budget));
    return new Module("re", attrs);
  }

  /**
   * Longest regular expression a config may use: Java compiles patterns recursively, so their
   * nesting must stay small.
   */
  static final int MAX_PATTERN = 1000;

  private static Object match(List<Object> args, Node at, boolean anchored, Budget budget) {
    if (args.size() < 2) {
      throw new PyError("TypeError", "re.search() needs a pattern and a string", at);
    }
    String pattern = Values.str(args.get(0));
    if (pattern.length() > MAX_PATTERN) {
      throw new PyError(
          "", "regular expression too long (more than " + MAX_PATTERN + " characters)", at);
    }
    try {
      var m =
          Pattern.compile(pattern).matcher(new MeteredText(Values.str(args.get(1)), budget, at));
      boolean found = anchored ? m.lookingAt() : m.find();
      if (!found) {
        return null;
      }
      String group = m.group();
      Map<String, Object> attrs = new HashMap<>();
      attrs.put("group", (PyFunction) (a, k, n) -> group);
      return new Module("match", attrs);
    } catch (PatternSyntaxException e) {
      throw new PyError("error", "bad regular expression: " + e.getDescription(), at);
    } catch (StackOverflowError e) {
      throw new PyError("", "regular expression too complex for this input", at);
    }
  }

  /** String and list methods configs use: split, strip, startswith, join, append, ... */
  static Object method(Object target, String name, Budget budget) {
    if (target instanceof String s) {
      return switch (name) {
        case "split" ->
            (PyFunction)
                (args, kw, at) -> {
                  budget.charge(s.length(), at);
                  List<Object> out = new ArrayList<>();
                  if (args.isEmpty() || args.get(0) == null) {
                    for (String p : s.trim().split("\\s+")) {
                      if (!p.isEmpty()) {
                        out.add(p);
                      }
                    }
                  } else {
                    String sep = text("split", args, 0, at);
                    if (sep.isEmpty()) {
                      throw new PyError("ValueError", "empty separator", at);
                    }
                    out = Text.split(s, sep);
                  }
                  Limits.items(out.size(), at);
                  return out;
                };
        case "strip" -> (PyFunction) (args, kw, at) -> s.strip();
        case "lower" -> (PyFunction) (args, kw, at) -> s.toLowerCase(java.util.Locale.ROOT);
        case "upper" -> (PyFunction) (args, kw, at) -> s.toUpperCase(java.util.Locale.ROOT);
        case "startswith" ->
            (PyFunction) (args, kw, at) -> s.startsWith(text("startswith", args, 0, at));
        case "endswith" -> (PyFunction) (args, kw, at) -> s.endsWith(text("endswith", args, 0, at));
        case "replace" ->
            (PyFunction)
                (args, kw, at) -> {
                  String old = text("replace", args, 0, at);
                  String by = text("replace", args, 1, at);
                  budget.charge(s.length(), at);
                  long grows = (long) by.length() - old.length();
                  long length = s.length() + (grows > 0 ? Text.count(s, old) * grows : 0);
                  Limits.string(length, at);
                  budget.charge(length, at);
                  return Text.replace(s, old, by);
                };
        case "join" ->
            (PyFunction)
                (args, kw, at) -> {
                  List<String> parts = new ArrayList<>();
                  long length = 0;
                  for (Object o :
                      Operators.iterate(args.isEmpty() ? null : args.get(0), at, budget)) {
                    String part = Values.str(o);
                    length += part.length() + (parts.isEmpty() ? 0 : s.length());
                    Limits.string(length, at);
                    parts.add(part);
                  }
                  budget.charge(length, at);
                  return String.join(s, parts);
                };
        default -> null;
      };
    }
    if (target instanceof List<?> l && name.equals("append")) {
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) l;
      return (PyFunction)
          (args, kw, at) -> {
            Object v = one("append", args, at);
            Limits.items(list.size() + 1L, at);
            list.add(v);
            return null;
          };
    }
    return null;
  }
}
