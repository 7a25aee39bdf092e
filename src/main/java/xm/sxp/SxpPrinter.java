package xm.sxp;

import java.util.List;

/**
 * Writes S-expressions the way xend's PrettyPrint did: a list that fits in the remaining width
 * stays on one line; one that does not puts each element after the first on its own line, indented
 * four columns past its opening parenthesis, and its closing parenthesis on a line of its own under
 * the opening one. Atoms made only of {@code [A-Za-z0-9.-_:/~]} (and the atom {@code @}) are
 * written bare, anything else quoted as Python's {@code repr} would.
 *
 * <p>Stateless and thread-safe.
 */
public final class SxpPrinter {

  /** The output width xm used. */
  public static final int WIDTH = 80;

  private SxpPrinter() {}

  /** The pretty form of {@code sxp} as xm displayed it, ending with a newline. */
  public static String pretty(Sxp sxp) {
    StringBuilder out = new StringBuilder(256);
    pretty(sxp, 0, out, false);
    out.append('\n');
    return out.toString();
  }

  /**
   * The pretty form for storage: like {@link #pretty} but lossless, so that parsing it gives back
   * exactly {@code sxp} (xend wrote an empty string bare, which reads back as nothing; here it is
   * written {@code ''}).
   */
  public static String exact(Sxp sxp) {
    StringBuilder out = new StringBuilder(256);
    pretty(sxp, 0, out, true);
    out.append('\n');
    return out.toString();
  }

  /**
   * The storage form of {@code sxp} (see {@link #exact}) as it is laid out when it starts at {@code
   * column}, without a newline: what {@code exact} writes for an element of a folded list whose
   * opening parenthesis is at {@code column - 4}. Lets a caller that keeps the printed form of
   * unchanged elements assemble a long list without printing all of it again.
   */
  public static String exactAt(Sxp sxp, int column) {
    StringBuilder out = new StringBuilder(256);
    pretty(sxp, column, out, true);
    return out.toString();
  }

  /** Whether the storage form of {@code sxp}, starting at column 0, fits on one line. */
  public static boolean fitsExact(Sxp sxp) {
    return fits(sxp, WIDTH, true);
  }

  /** The one-line form of {@code sxp} as xm displayed it, without a newline. */
  public static String flat(Sxp sxp) {
    StringBuilder out = new StringBuilder(64);
    flat(sxp, out, false);
    return out.toString();
  }

  /** The one-line lossless form (see {@link #exact}), without a newline: one record per line. */
  public static String exactLine(Sxp sxp) {
    StringBuilder out = new StringBuilder(128);
    flat(sxp, out, true);
    return out.toString();
  }

  private static void pretty(Sxp sxp, int column, StringBuilder out, boolean exact) {
    if (sxp instanceof Sxp.Atom a) {
      out.append(show(a.value(), exact));
      return;
    }
    List<Sxp> items = ((Sxp.SList) sxp).items();
    if (fits(sxp, WIDTH - column, exact) || items.isEmpty()) {
      flat(sxp, out, exact);
      return;
    }
    out.append('(');
    pretty(items.get(0), column + 1, out, exact);
    int indent = column + 4;
    for (int i = 1; i < items.size(); i++) {
      newline(indent, out);
      pretty(items.get(i), indent, out, exact);
    }
    newline(column, out);
    out.append(')');
  }

  private static void newline(int indent, StringBuilder out) {
    out.append('\n');
    for (int i = 0; i < indent; i++) {
      out.append(' ');
    }
  }

  private static void flat(Sxp sxp, StringBuilder out, boolean exact) {
    if (sxp instanceof Sxp.Atom a) {
      out.append(show(a.value(), exact));
      return;
    }
    out.append('(');
    List<Sxp> items = ((Sxp.SList) sxp).items();
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      flat(items.get(i), out, exact);
    }
    out.append(')');
  }

  /** Whether the one-line form of {@code sxp} is at most {@code room} columns wide. */
  private static boolean fits(Sxp sxp, int room, boolean exact) {
    return remaining(sxp, room, exact) >= 0;
  }

  /**
   * {@code room} less the one-line width of {@code sxp}, or a negative number as soon as it is
   * known not to fit: a long list (a whole state file) is not measured to its end only to be
   * folded, which kept every fold decision proportional to the size of the whole subtree.
   */
  private static int remaining(Sxp sxp, int room, boolean exact) {
    if (sxp instanceof Sxp.Atom a) {
      return room - show(a.value(), exact).length();
    }
    List<Sxp> items = ((Sxp.SList) sxp).items();
    room -= 2 + Math.max(0, items.size() - 1);
    for (int i = 0; i < items.size() && room >= 0; i++) {
      room = remaining(items.get(i), room, exact);
    }
    return room;
  }

  private static String show(String value, boolean exact) {
    return exact && value.isEmpty() ? "''" : show(value);
  }

  /** An atom as xend's sxp.show wrote it: bare when it is an atom, else Python-repr quoted. */
  public static String show(String value) {
    return isBare(value) ? value : quote(value);
  }

  static boolean isBare(String s) {
    if (s.equals("@")) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '-'
              || c == '_'
              || c == ':'
              || c == '/'
              || c == '~';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Python 2 {@code repr(str)}: single quotes unless the text has a ' and no ". */
  static String quote(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(s.length() + 2).append(q);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c == q) {
            out.append('\\').append(c);
          } else if (c < 0x20 || c == 0x7f) {
            out.append("\\x")
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 15, 16));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append(q).toString();
  }
}
