package xm.config;

import java.util.Set;

/**
 * Which names may be keys of a domain's {@code extras}: each becomes a variable assignment in the
 * xmdomain.cfg file {@code xm convert} writes, so it must be a plain Python name, not a keyword,
 * and not an option xm writes from the domain's own fields (an extra {@code memory} or {@code
 * kernel} would override them in the file; {@code nics} would add interfaces).
 */
public final class ExtrasKeys {
  /** Keywords of Python 2 and 3 (and the constants Python 3 made keywords). */
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "as",
          "assert",
          "async",
          "await",
          "break",
          "class",
          "continue",
          "def",
          "del",
          "elif",
          "else",
          "except",
          "exec",
          "finally",
          "for",
          "from",
          "global",
          "if",
          "import",
          "in",
          "is",
          "lambda",
          "nonlocal",
          "not",
          "or",
          "pass",
          "print",
          "raise",
          "return",
          "try",
          "while",
          "with",
          "yield",
          "True",
          "False",
          "None");

  private ExtrasKeys() {}

  /** Why {@code key} cannot be an extras key, or null when it can. */
  public static String problem(String key) {
    String shown = xm.config.py.ConfigScript.brief(key);
    if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      return "extras key "
          + shown
          + " must be a Python name (ASCII letters, digits and _, not starting with a"
          + " digit): it becomes a variable of the xmdomain.cfg file";
    }
    if (KEYWORDS.contains(key)) {
      return "extras key "
          + shown
          + " is a Python keyword; it cannot be a variable of the xmdomain.cfg file";
    }
    if (key.startsWith("__")) {
      return "extras key " + shown + " begins with __, which Python keeps for itself";
    }
    if (CfgKeys.MODELLED.contains(key) || key.equals("nics")) {
      return "extras key "
          + shown
          + " is an option xm writes from the domain's own fields; set that field"
          + " instead of an extra";
    }
    return null;
  }
}
