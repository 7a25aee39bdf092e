package xm.config.py;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import xm.diag.Location;
import xm.diag.XmException;

/**
 * Splits config text into tokens the way Python does: indentation becomes INDENT/DEDENT, a line
 * ends a statement unless brackets are open or it ends with a backslash, {@code #} starts a
 * comment, strings may be single, double or triple quoted with the usual escapes.
 */
final class Lexer {
  private static final String[] OPS = {
    "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "+", "-", "*", "/", "%", "<",
    ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "|", "&", "^", "~"
  };

  private final String source;
  private final String s;
  private int pos;
  private int line = 1;
  private int lineStart;
  private int depth;
  private final Deque<Integer> indents = new ArrayDeque<>();
  private final List<Token> out = new ArrayList<>();

  private Lexer(String source, String text) {
    this.source = source;
    this.s = text.replace("\r\n", "\n");
    indents.push(0);
  }

  static List<Token> tokenize(String source, String text) {
    if (text.length() > Limits.MAX_SOURCE_CHARS) {
      throw XmException.badInput(
          new Location(source, 1, 1),
          "config file too large ("
              + text.length()
              + " characters; at most "
              + Limits.MAX_SOURCE_CHARS
              + "): an xmdomain.cfg file is a few kilobytes");
    }
    Lexer l = new Lexer(source, text);
    l.run();
    return l.out;
  }

  private void run() {
    boolean atLineStart = true;
    while (pos < s.length()) {
      if (atLineStart && depth == 0) {
        atLineStart = false;
        int width = 0;
        int p = pos;
        while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
          width = s.charAt(p) == '\t' ? (width / 8 + 1) * 8 : width + 1;
          p++;
        }
        if (p >= s.length() || s.charAt(p) == '\n' || s.charAt(p) == '#') {
          pos = p;
          skipToEol();
          if (pos < s.length()) {
            newline(true);
          }
          atLineStart = true;
          continue;
        }
        pos = p;
        if (width > indents.peek()) {
          indents.push(width);
          add(Token.Type.INDENT, "", null);
        } else {
          while (width < indents.peek()) {
            indents.pop();
            add(Token.Type.DEDENT, "", null);
          }
          if (width != indents.peek()) {
            throw error("unindent does not match any outer indentation level");
          }
        }
      }
      char c = s.charAt(pos);
      if (c == '\n') {
        if (depth == 0) {
          add(Token.Type.NEWLINE, "", null);
          atLineStart = true;
        }
        newline(true);
      } else if (c == ' ' || c == '\t' || c == '\f') {
        pos++;
      } else if (c == '#') {
        skipToEol();
      } else if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
        pos++;
        newline(true);
      } else if (Character.isDigit(c)
          || (c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)))) {
        number();
      } else if (c == '"' || c == '\'') {
        string(pos, pos);
      } else if ((c == 'r' || c == 'R' || c == 'u' || c == 'U')
          && pos + 1 < s.length()
          && (s.charAt(pos + 1) == '"' || s.charAt(pos + 1) == '\'')) {
        string(pos, pos + 1);
      } else if (Character.isLetter(c) || c == '_') {
        int start = pos;
        while (pos < s.length()
            && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
          pos++;
        }
        emit(
            new Token(Token.Type.NAME, s.substring(start, pos), null, line, start - lineStart + 1));
      } else {
        op();
      }
    }
    if (!atLineStart || (!out.isEmpty() && out.get(out.size() - 1).type() != Token.Type.NEWLINE)) {
      add(Token.Type.NEWLINE, "", null);
    }
    while (indents.peek() > 0) {
      indents.pop();
      add(Token.Type.DEDENT, "", null);
    }
    add(Token.Type.EOF, "", null);
  }

  private void newline(boolean consume) {
    if (consume) {
      pos++;
    }
    line++;
    lineStart = pos;
  }

  private void skipToEol() {
    while (pos < s.length() && s.charAt(pos) != '\n') {
      pos++;
    }
  }

  private void op() {
    for (String op : OPS) {
      if (s.startsWith(op, pos)) {
        if (op.equals("(") || op.equals("[") || op.equals("{")) {
          depth++;
        } else if (op.equals(")") || op.equals("]") || op.equals("}")) {
          depth = Math.max(0, depth - 1);
        }
        emit(new Token(Token.Type.OP, op, null, line, pos - lineStart + 1));
        pos += op.length();
        return;
      }
    }
    throw error("unexpected character '" + s.charAt(pos) + "'");
  }

  private void number() {
    int start = pos;
    int col = pos - lineStart + 1;
    if (s.startsWith("0x", pos) || s.startsWith("0X", pos)) {
      pos += 2;
      while (pos < s.length() && Character.digit(s.charAt(pos), 16) >= 0) {
        pos++;
      }
      String digits = s.substring(start + 2, pos);
      skipLongSuffix();
      try {
        emit(
            new Token(
                Token.Type.NUMBER, s.substring(start, pos), Long.parseLong(digits, 16), line, col));
      } catch (NumberFormatException e) {
        throw error("bad hexadecimal number '" + s.substring(start, pos) + "'");
      }
      return;
    }
    boolean isFloat = false;
    while (pos < s.length()
        && (Character.isDigit(s.charAt(pos))
            || s.charAt(pos) == '.'
            || s.charAt(pos) == 'e'
            || s.charAt(pos) == 'E'
            || ((s.charAt(pos) == '-' || s.charAt(pos) == '+')
                && (s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E')))) {
      if (s.charAt(pos) == '.' || s.charAt(pos) == 'e' || s.charAt(pos) == 'E') {
        isFloat = true;
      }
      pos++;
    }
    String text = s.substring(start, pos);
    skipLongSuffix();
    try {
      Object v =
          isFloat
              ? (Object) Double.parseDouble(text)
              : (text.length() > 1 && text.startsWith("0")
                  ? (Object) Long.parseLong(text, 8)
                  : (Object) Long.parseLong(text));
      emit(new Token(Token.Type.NUMBER, text, v, line, col));
    } catch (NumberFormatException e) {
      if (!isFloat && fitsNowhere(text)) {
        throw XmException.badInput(
            new Location(source, line, col),
            "the whole number "
                + text
                + " is outside the"
                + " numbers xm config files support ("
                + Long.MIN_VALUE
                + " to "
                + Long.MAX_VALUE
                + ")");
      }
      throw error("bad number '" + text + "'");
    }
  }

  /** A well-formed whole number too large for 64 bits (rather than a malformed one). */
  private static boolean fitsNowhere(String text) {
    try {
      new java.math.BigInteger(text, text.length() > 1 && text.startsWith("0") ? 8 : 10);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void skipLongSuffix() {
    if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
      pos++;
    }
  }

  private void string(int tokenStart, int quoteAt) {
    boolean raw = s.charAt(tokenStart) == 'r' || s.charAt(tokenStart) == 'R';
    int col = tokenStart - lineStart + 1;
    int startLine = line;
    char q = s.charAt(quoteAt);
    boolean triple = s.startsWith("" + q + q + q, quoteAt);
    pos = quoteAt + (triple ? 3 : 1);
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= s.length()) {
        throw new XmException(
            XmException.Kind.BAD_INPUT,
            new Location(source, startLine, col)
                + ": string is not closed: add the closing "
                + (triple ? "" + q + q + q : q));
      }
      char c = s.charAt(pos);
      if (c == q && (!triple || s.startsWith("" + q + q + q, pos))) {
        pos += triple ? 3 : 1;
        break;
      }
      if (c == '\n') {
        if (!triple) {
          throw new XmException(
              XmException.Kind.BAD_INPUT,
              new Location(source, startLine, col)
                  + ": string is not closed on its line: add the closing "
                  + q);
        }
        b.append('\n');
        newline(true);
        continue;
      }
      if (c == '\\' && pos + 1 < s.length()) {
        char e = s.charAt(pos + 1);
        pos += 2;
        if (raw) {
          b.append('\\').append(e);
          continue;
        }
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case '0' -> b.append('\0');
          case 'x' -> b.append(hexEscape());
          case '\\' -> b.append('\\');
          case '\'' -> b.append('\'');
          case '"' -> b.append('"');
          case '\n' -> newline(false);
          default -> b.append('\\').append(e);
        }
        continue;
      }
      b.append(c);
      pos++;
    }
    emit(
        new Token(
            Token.Type.STRING,
            s.substring(tokenStart, Math.min(pos, s.length())),
            b.toString(),
            startLine,
            col));
  }

  /**
   * The two hex digits after {@code \x}, as Python reads them; anything else is Python's error too.
   */
  private char hexEscape() {
    if (pos + 2 > s.length()
        || Character.digit(s.charAt(pos), 16) < 0
        || Character.digit(s.charAt(pos + 1), 16) < 0) {
      throw XmException.badInput(
          new Location(source, line, pos - lineStart - 1),
          "invalid \\x escape: write two hex" + " digits, as in '\\x1b'");
    }
    char c = (char) Integer.parseInt(s.substring(pos, pos + 2), 16);
    pos += 2;
    return c;
  }

  private void add(Token.Type type, String text, Object value) {
    emit(new Token(type, text, value, line, pos - lineStart + 1));
  }

  private void emit(Token t) {
    if (out.size() >= Limits.MAX_TOKENS) {
      throw XmException.badInput(
          new Location(source, t.line(), t.column()),
          "config file too long (more than "
              + Limits.MAX_TOKENS
              + " tokens): an xmdomain.cfg file sets a few dozen options");
    }
    out.add(t);
  }

  private XmException error(String message) {
    return XmException.badInput(new Location(source, line, pos - lineStart + 1), message);
  }
}
