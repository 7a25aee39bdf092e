package xm.sxp;

import java.util.ArrayList;
import java.util.List;
import xm.diag.Location;
import xm.diag.XmException;

/**
 * Reads S-expressions: lists in parentheses, bare atoms, and atoms quoted with ' or " (with the
 * escapes \\ \' \" \n \t \r \xNN). A {@code #} outside a quoted atom starts a comment that runs to
 * the end of the line. Every error names source:line:column. Lists nest at most {@link #MAX_DEPTH}
 * deep, so that no text, however hostile, can exhaust the stack of the reader (or of anything that
 * walks what it returns).
 *
 * <p>Stateless and thread-safe; each call parses one text.
 */
public final class SxpParser {

  /**
   * How deep lists may nest. xm's own files nest five deep at most (a state file's domain, its
   * config, a device, an option); the bound leaves room for hand-written files and keeps the
   * recursive descent far from the stack's end.
   */
  public static final int MAX_DEPTH = 64;

  private final String source;
  private final String text;
  private int pos;
  private int line = 1;
  private int col = 1;
  private int depth;

  private SxpParser(String source, String text) {
    this.source = source;
    this.text = text;
  }

  /** All top-level expressions in {@code text}. */
  public static List<Sxp> parseAll(String source, String text) {
    SxpParser p = new SxpParser(source, text);
    List<Sxp> out = new ArrayList<>();
    while (true) {
      p.skipSpace();
      if (p.pos >= p.text.length()) {
        return out;
      }
      out.add(p.expr());
    }
  }

  /** Exactly one top-level expression. */
  public static Sxp parseOne(String source, String text) {
    List<Sxp> all = parseAll(source, text);
    if (all.size() != 1) {
      throw XmException.badInput(
          new Location(source, 1, 1), "expected one S-expression, found " + all.size());
    }
    return all.get(0);
  }

  private Sxp expr() {
    Location at = here();
    char c = text.charAt(pos);
    if (c == '(') {
      if (depth == MAX_DEPTH) {
        throw XmException.badInput(
            at,
            "lists nest more than "
                + MAX_DEPTH
                + " deep here; this is not a file xm wrote (remove the extra parentheses)");
      }
      advance();
      depth++;
      List<Sxp> items = new ArrayList<>();
      while (true) {
        skipSpace();
        if (pos >= text.length()) {
          throw XmException.badInput(at, "unclosed '(': add the missing ')'");
        }
        if (text.charAt(pos) == ')') {
          advance();
          depth--;
          return new Sxp.SList(items, at);
        }
        items.add(expr());
      }
    }
    if (c == ')') {
      throw XmException.badInput(at, "unexpected ')': remove it or add the matching '('");
    }
    if (c == '\'' || c == '"') {
      return new Sxp.Atom(quoted(c, at), at);
    }
    int start = pos;
    while (pos < text.length()) {
      char d = text.charAt(pos);
      if (Character.isWhitespace(d) || d == '(' || d == ')' || d == '\'' || d == '"' || d == '#') {
        break;
      }
      advance();
    }
    return new Sxp.Atom(text.substring(start, pos), at);
  }

  private String quoted(char q, Location at) {
    advance();
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw XmException.badInput(at, "unterminated quoted atom: add the closing " + q);
      }
      char c = text.charAt(pos);
      advance();
      if (c == q) {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw XmException.badInput(at, "unterminated quoted atom: add the closing " + q);
      }
      char e = text.charAt(pos);
      advance();
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'x' -> {
          if (pos + 2 > text.length()) {
            throw XmException.badInput(here(), "\\x needs two hex digits");
          }
          try {
            sb.append((char) Integer.parseInt(text.substring(pos, pos + 2), 16));
          } catch (NumberFormatException ex) {
            throw XmException.badInput(here(), "\\x needs two hex digits");
          }
          advance();
          advance();
        }
        case '\\', '\'', '"' -> sb.append(e);
        default -> sb.append('\\').append(e);
      }
    }
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          advance();
        }
      } else if (Character.isWhitespace(c)) {
        advance();
      } else {
        return;
      }
    }
  }

  private void advance() {
    if (text.charAt(pos) == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
    pos++;
  }

  private Location here() {
    return new Location(source, line, col);
  }
}
