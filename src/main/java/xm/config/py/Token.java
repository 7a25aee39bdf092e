package xm.config.py;

/** A lexical token of the config language, with where it starts. */
record Token(Type type, String text, Object value, int line, int column) {
  enum Type {
    NAME,
    NUMBER,
    STRING,
    OP,
    NEWLINE,
    INDENT,
    DEDENT,
    EOF
  }

  boolean is(String op) {
    return (type == Type.OP || type == Type.NAME) && text.equals(op);
  }
}
