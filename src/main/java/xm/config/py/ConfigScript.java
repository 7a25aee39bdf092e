package xm.config.py;

import java.util.Map;
import xm.diag.Location;
import xm.diag.XmException;

/** The public face of the config interpreter: run a script, get its variables. */
public final class ConfigScript {
  private ConfigScript() {}

  /** The variables a script left, with where each was last assigned. */
  public record Result(Map<String, Object> variables, Map<String, Location> assignedAt) {}

  /**
   * Runs an xmdomain.cfg script, within the bounds of {@link Limits}.
   *
   * @param source the file name for error messages
   * @param text the script
   * @param seed variables set before it runs (the command line's name=value pairs)
   * @throws xm.diag.XmException (BAD_INPUT) naming file:line:column on any error
   */
  public static Result run(String source, String text, Map<String, ?> seed) {
    return Interpreter.run(source, text, seed);
  }

  /** Python's str() of a script value. */
  public static String str(Object value) {
    try {
      return Values.str(value);
    } catch (PyError e) {
      throw XmException.badInput(e.getMessage());
    }
  }

  /** Python's repr() of a script value. */
  public static String repr(Object value) {
    try {
      return Values.repr(value);
    } catch (PyError e) {
      throw XmException.badInput(e.getMessage());
    }
  }

  /**
   * The strings of {@code text}, a Python list (or tuple) of string literals as repr() writes one;
   * null when it is anything else.
   */
  public static java.util.List<String> stringList(String text) {
    if (text == null || !text.trim().startsWith("[")) {
      return null;
    }
    try {
      Object v = run("(list)", "x = " + text + "\n", Map.of()).variables().get("x");
      if (!(v instanceof java.util.List<?> l)) {
        return null;
      }
      java.util.List<String> out = new java.util.ArrayList<>();
      for (Object o : l) {
        if (!(o instanceof String s)) {
          return null;
        }
        out.add(s);
      }
      return out;
    } catch (XmException e) {
      return null;
    }
  }

  /** A repr of at most about 60 characters, for error messages. */
  public static String brief(Object value) {
    return Values.brief(value);
  }

  /**
   * A string literal that Python 2, Python 3 and this interpreter all read back as {@code text}:
   * one line, quoted, with backslashes, quotes and control characters escaped.
   */
  public static String literal(String text) {
    return Values.quote(text);
  }

  /** The items of a tuple value, or null when it is not a tuple. */
  public static java.util.List<Object> items(Object value) {
    return value instanceof Tuple t ? t.items() : null;
  }
}
