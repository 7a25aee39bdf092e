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

  static Map<String, Object> create(Interpreter in) {
    Map<String, Object> b = new HashMap<>();
    b.put("int", (PyFunction) Builtins::toInt);
    b.put("float", (PyFunction) (args, kw, at) -> {
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
    b.put("len", (PyFunction) (args, kw, at) -> {
      Object v = one("len", args, at);
      return (long) (v instanceof String s ? s.length() : Operators.iterate(v, at).size());
    });
    b.put("abs", (PyFunction) (args, kw, at) -> {
      Object v = one("abs", args, at);
      return v instanceof Long l ? (Object) Math.abs(l) : (Object) Math.abs(Operators.num(v));
    });
    b.put("list", (PyFunction) (args, kw, at) -> args.isEmpty() ? new ArrayList<>() : Operators.iterate(args.get(0), at));
    b.put("range", (PyFunction) (args, kw, at) -> {
      long lo = 0;
      long hi;
      if (args.size() == 1) {
        hi = (long) Operators.num(args.get(0));
      } else if (args.size() == 2) {
        lo = (long) Operators.num(args.get(0));
        hi = (long) Operators.num(args.get(1));
      } else {
        throw new PyError("TypeError", "range() takes 1 or 2 arguments here", at);
      }
      if (hi - lo > 100_000) {
        throw new PyError("ValueError", "range() too large for a config file", at);
      }
      List<Object> out = new ArrayList<>();
      for (long i = lo; i < hi; i++) {
        out.add(i);
      }
      return out;
    });
    for (String name : new String[] {"min", "max"}) {
      b.put(name, (PyFunction) (args, kw, at) -> {
        List<Object> items = args.size() == 1 ? Operators.iterate(args.get(0), at) : args;
        if (items.isEmpty()) {
          throw new PyError("ValueError", name + "() arg is an empty sequence", at);
        }
        Object best = items.get(0);
        for (Object o : items) {
          boolean less = (Boolean) Operators.compare("<", o, best, at);
          if (name.equals("min") ? less : (Boolean) Operators.compare(">", o, best, at)) {
            best = o;
          }
        }
        return best;
      });
    }
    for (String ex : new String[] {"ValueError", "TypeError", "Exception", "KeyError", "IndexError", "RuntimeError"}) {
      b.put(ex, new Module(ex, Map.of()));
    }
    return b;
  }

  private static Object one(String fn, List<Object> args, Node at) {
    if (args.size() != 1) {
      throw new PyError("TypeError", fn + "() takes exactly one argument (" + args.size() + " given)", at);
    }
    return args.get(0);
  }

  private static Object toInt(List<Object> args, Map<String, Object> kw, Node at) {
    if (args.isEmpty()) {
      return 0L;
    }
    Object v = args.get(0);
    if (v instanceof String s) {
      int base = args.size() > 1 ? (int) Operators.num(args.get(1)) : 10;
      String t = s.trim();
      if (base == 16 && (t.startsWith("0x") || t.startsWith("0X"))) {
        t = t.substring(2);
      }
      try {
        return Long.parseLong(t, base);
      } catch (NumberFormatException e) {
        throw new PyError("ValueError", "invalid literal for int() with base " + base + ": " + Values.repr(s), at);
      }
    }
    if (v instanceof Long) {
      return v;
    }
    if (v instanceof Double d) {
      return d.longValue();
    }
    if (v instanceof Boolean bo) {
      return bo ? 1L : 0L;
    }
    throw new PyError("TypeError", "int() argument must be a string or a number, not '" + Values.typeName(v) + "'", at);
  }

  /** The modules a config may import, or null. */
  static Object module(String name) {
    return switch (name) {
      case "os" -> os();
      case "re" -> re();
      case "os.path" -> os();
      case "string", "sys" -> new Module(name, Map.of());
      default -> null;
    };
  }

  private static Module os() {
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("uname", (PyFunction) (args, kw, at) -> {
      String arch = System.getProperty("os.arch", "x86_64");
      String machine = arch.equals("amd64") ? "x86_64" : arch;
      return new Tuple(List.of("Linux", "localhost", "2.6.18.8-xen", "#1 SMP", machine));
    });
    attrs.put("getenv", (PyFunction) (args, kw, at) -> args.isEmpty() ? null
        : System.getenv(Values.str(args.get(0))) != null ? System.getenv(Values.str(args.get(0)))
        : args.size() > 1 ? args.get(1) : null);
    Map<String, Object> path = new HashMap<>();
    path.put("exists", (PyFunction) (args, kw, at) -> new java.io.File(Values.str(one("exists", args, at))).exists());
    path.put("join", (PyFunction) (args, kw, at) -> {
      StringBuilder sb = new StringBuilder();
      for (Object a : args) {
        String s = Values.str(a);
        if (s.startsWith("/")) {
          sb.setLength(0);
        } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '/') {
          sb.append('/');
        }
        sb.append(s);
      }
      return sb.toString();
    });
    attrs.put("path", new Module("os.path", path));
    return new Module("os", attrs);
  }

  private static Module re() {
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("search", (PyFunction) (args, kw, at) -> match(args, at, false));
    attrs.put("match", (PyFunction) (args, kw, at) -> match(args, at, true));
    return new Module("re", attrs);
  }

  private static Object match(List<Object> args, Node at, boolean anchored) {
    if (args.size() < 2) {
      throw new PyError("TypeError", "re.search() needs a pattern and a string", at);
    }
    try {
      var m = Pattern.compile(Values.str(args.get(0))).matcher(Values.str(args.get(1)));
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
    }
  }

  /** String and list methods configs use: split, strip, startswith, join, append, ... */
  static Object method(Object target, String name) {
    if (target instanceof String s) {
      return switch (name) {
        case "split" -> (PyFunction) (args, kw, at) -> {
          List<Object> out = new ArrayList<>();
          if (args.isEmpty() || args.get(0) == null) {
            for (String p : s.trim().split("\\s+")) {
              if (!p.isEmpty()) {
                out.add(p);
              }
            }
          } else {
            out.addAll(List.of(s.split(Pattern.quote(Values.str(args.get(0))), -1)));
          }
          return out;
        };
        case "strip" -> (PyFunction) (args, kw, at) -> s.strip();
        case "lower" -> (PyFunction) (args, kw, at) -> s.toLowerCase();
        case "upper" -> (PyFunction) (args, kw, at) -> s.toUpperCase();
        case "startswith" -> (PyFunction) (args, kw, at) -> s.startsWith(Values.str(args.get(0)));
        case "endswith" -> (PyFunction) (args, kw, at) -> s.endsWith(Values.str(args.get(0)));
        case "replace" -> (PyFunction) (args, kw, at) -> s.replace(Values.str(args.get(0)), Values.str(args.get(1)));
        case "join" -> (PyFunction) (args, kw, at) -> {
          List<String> parts = new ArrayList<>();
          for (Object o : Operators.iterate(args.get(0), at)) {
            parts.add(Values.str(o));
          }
          return String.join(s, parts);
        };
        default -> null;
      };
    }
    if (target instanceof List<?> l && name.equals("append")) {
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) l;
      return (PyFunction) (args, kw, at) -> {
        list.add(args.get(0));
        return null;
      };
    }
    return null;
  }
}
