package xm.config.py;

import java.util.ArrayList;
import java.util.List;
import xm.diag.Location;
import xm.diag.XmException;

/**
 * Recursive-descent parser for the Python subset that xmdomain.cfg files use. Nesting (brackets,
 * blocks, unary operators, chains of calls and subscripts) is bounded by {@link Limits#MAX_DEPTH}
 * so that no input takes the parser's stack; runs of binary operators and elif chains are parsed in
 * loops and may be as long as the token limit allows.
 */
final class Parser {
  private final String source;
  private final List<Token> toks;
  private int i;
  private int depth;

  private Parser(String source, List<Token> toks) {
    this.source = source;
    this.toks = toks;
  }

  static List<Node.Stmt> parse(String source, String text) {
    Parser p = new Parser(source, Lexer.tokenize(source, text));
    List<Node.Stmt> out = new ArrayList<>();
    while (p.peek().type() != Token.Type.EOF) {
      if (p.peek().type() == Token.Type.NEWLINE) {
        p.i++;
        continue;
      }
      out.addAll(p.statement());
    }
    return out;
  }

  // ---- statements -----------------------------------------------------------------------------

  private List<Node.Stmt> statement() {
    Token t = peek();
    if (t.type() == Token.Type.INDENT) {
      throw error(t, "unexpected indentation");
    }
    if (t.type() == Token.Type.NAME) {
      switch (t.text()) {
        case "if" -> {
          return List.of(ifStatement());
        }
        case "def" -> {
          return List.of(def());
        }
        case "for" -> {
          return List.of(forStatement());
        }
        case "while",
            "try",
            "class",
            "with",
            "lambda",
            "exec",
            "global",
            "del",
            "assert",
            "yield",
            "print" ->
            throw error(
                t,
                "'"
                    + t.text()
                    + "' is not supported in xm config files; use plain assignments such as memory = 256");
        default -> {}
      }
    }
    List<Node.Stmt> out = new ArrayList<>();
    out.add(simple());
    while (peek().is(";")) {
      i++;
      if (peek().type() == Token.Type.NEWLINE) {
        break;
      }
      out.add(simple());
    }
    expectNewline();
    return out;
  }

  private Node.Stmt simple() {
    Token t = peek();
    if (t.type() == Token.Type.NAME) {
      switch (t.text()) {
        case "pass" -> {
          i++;
          return new Node.Pass(t.line(), t.column());
        }
        case "return" -> {
          i++;
          Node.Expr v = atEndOfStatement() ? null : exprList();
          return new Node.Return(v, t.line(), t.column());
        }
        case "raise" -> {
          i++;
          Node.Expr v = atEndOfStatement() ? null : expr();
          return new Node.Raise(v, t.line(), t.column());
        }
        case "import" -> {
          i++;
          List<String> mods = new ArrayList<>();
          do {
            String m = dottedName();
            if (peek().is("as")) {
              throw error(
                  peek(),
                  "'import "
                      + m
                      + " as ...' is not supported in xm config files; use 'import "
                      + m
                      + "'");
            }
            mods.add(m);
          } while (accept(","));
          return new Node.Import(mods, t.line(), t.column());
        }
        case "from" -> {
          i++;
          String module = dottedName();
          if (!accept("import")) {
            throw error(peek(), "expected 'import' after 'from " + module + "'");
          }
          if (peek().is("*")) {
            throw error(
                peek(),
                "'from "
                    + module
                    + " import *' is not supported in xm config files; name what you use");
          }
          boolean paren = accept("(");
          List<String[]> names = new ArrayList<>();
          do {
            if (paren && peek().is(")")) {
              break;
            }
            String n = name().text();
            String alias = accept("as") ? name().text() : n;
            names.add(new String[] {n, alias});
          } while (accept(","));
          if (paren) {
            expect(")");
          }
          return new Node.FromImport(module, names, t.line(), t.column());
        }
        default -> {}
      }
    }
    Node.Expr first = exprList();
    if (peek().is("=")) {
      List<Node.Expr> targets = new ArrayList<>();
      targets.add(checkTarget(first));
      Node.Expr value = null;
      while (accept("=")) {
        value = exprList();
        if (peek().is("=")) {
          targets.add(checkTarget(value));
        }
      }
      return new Node.Assign(targets, value, t.line(), t.column());
    }
    for (String op : new String[] {"+=", "-=", "*=", "/=", "%="}) {
      if (peek().is(op)) {
        i++;
        if (!(first instanceof Node.Name n)) {
          throw error(t, "only a plain name can be the target of " + op);
        }
        return new Node.AugAssign(n, op.substring(0, 1), exprList(), t.line(), t.column());
      }
    }
    return new Node.ExprStmt(first, t.line(), t.column());
  }

  private Node.Expr checkTarget(Node.Expr e) {
    if (e instanceof Node.Name) {
      return e;
    }
    if (e instanceof Node.TupleExpr tup
        && tup.items().stream().allMatch(x -> x instanceof Node.Name)) {
      return e;
    }
    throw error(e, "you can assign only to a name here (like memory = 256)");
  }

  private String dottedName() {
    StringBuilder b = new StringBuilder(name().text());
    while (accept(".")) {
      b.append('.').append(name().text());
    }
    return b.toString();
  }

  /** {@code if}, its {@code elif}s (read in a loop, however many) and its {@code else}. */
  private Node.Stmt ifStatement() {
    List<Token> heads = new ArrayList<>();
    List<Node.Expr> tests = new ArrayList<>();
    List<List<Node.Stmt>> bodies = new ArrayList<>();
    do {
      heads.add(next());
      tests.add(expr());
      bodies.add(suite());
    } while (peek().is("elif"));
    List<Node.Stmt> orElse = List.of();
    if (peek().is("else")) {
      i++;
      orElse = suite();
    }
    for (int k = heads.size() - 1; k >= 0; k--) {
      Token t = heads.get(k);
      orElse = List.of(new Node.If(tests.get(k), bodies.get(k), orElse, t.line(), t.column()));
    }
    return orElse.get(0);
  }

  private Node.Stmt forStatement() {
    Token t = next();
    Token n = name();
    if (!peek().is("in")) {
      throw error(peek(), "expected 'in'");
    }
    i++;
    Node.Expr iterable = exprList();
    return new Node.For(
        new Node.Name(n.text(), n.line(), n.column()), iterable, suite(), t.line(), t.column());
  }

  private Node.Stmt def() {
    Token t = next();
    String fname = name().text();
    expect("(");
    List<String> params = new ArrayList<>();
    if (!peek().is(")")) {
      do {
        params.add(name().text());
        if (peek().is("=")) {
          throw error(peek(), "default parameter values are not supported");
        }
      } while (accept(","));
    }
    expect(")");
    return new Node.Def(fname, params, suite(), t.line(), t.column());
  }

  private List<Node.Stmt> suite() {
    enter(peek());
    try {
      return block();
    } finally {
      depth--;
    }
  }

  private List<Node.Stmt> block() {
    expect(":");
    if (peek().type() != Token.Type.NEWLINE) {
      return statement();
    }
    expectNewline();
    while (peek().type() == Token.Type.NEWLINE) {
      i++;
    }
    if (peek().type() != Token.Type.INDENT) {
      throw error(peek(), "expected an indented block");
    }
    i++;
    List<Node.Stmt> body = new ArrayList<>();
    while (peek().type() != Token.Type.DEDENT && peek().type() != Token.Type.EOF) {
      if (peek().type() == Token.Type.NEWLINE) {
        i++;
        continue;
      }
      body.addAll(statement());
    }
    if (peek().type() == Token.Type.DEDENT) {
      i++;
    }
    return body;
  }

  // ---- expressions ----------------------------------------------------------------------------

  private Node.Expr exprList() {
    Token t = peek();
    Node.Expr first = expr();
    if (!peek().is(",")) {
      return first;
    }
    List<Node.Expr> items = new ArrayList<>();
    items.add(first);
    while (accept(",")) {
      if (atEndOfStatement() || peek().is("=")) {
        break;
      }
      items.add(expr());
    }
    return new Node.TupleExpr(items, t.line(), t.column());
  }

  private Node.Expr expr() {
    enter(peek());
    try {
      return conditional();
    } finally {
      depth--;
    }
  }

  private Node.Expr conditional() {
    Node.Expr body = orExpr();
    if (peek().is("if")) {
      Token t = next();
      Node.Expr test = orExpr();
      if (!peek().is("else")) {
        throw error(peek(), "expected 'else' in a conditional expression");
      }
      i++;
      return new Node.IfExpr(test, body, expr(), t.line(), t.column());
    }
    return body;
  }

  private Node.Expr orExpr() {
    Node.Expr left = andExpr();
    while (peek().is("or")) {
      Token t = next();
      left = new Node.BoolOp("or", left, andExpr(), t.line(), t.column());
    }
    return left;
  }

  private Node.Expr andExpr() {
    Node.Expr left = notExpr();
    while (peek().is("and")) {
      Token t = next();
      left = new Node.BoolOp("and", left, notExpr(), t.line(), t.column());
    }
    return left;
  }

  private Node.Expr notExpr() {
    if (peek().is("not")) {
      Token t = next();
      enter(t);
      try {
        return new Node.UnaryOp("not", notExpr(), t.line(), t.column());
      } finally {
        depth--;
      }
    }
    return comparison();
  }

  private Node.Expr comparison() {
    Node.Expr left = arith();
    while (true) {
      Token t = peek();
      String op = null;
      if (t.type() == Token.Type.OP
          && (t.text().equals("==")
              || t.text().equals("!=")
              || t.text().equals("<")
              || t.text().equals(">")
              || t.text().equals("<=")
              || t.text().equals(">="))) {
        op = t.text();
        i++;
      } else if (t.is("in")) {
        op = "in";
        i++;
      } else if (t.is("not") && toks.get(i + 1).is("in")) {
        op = "not in";
        i += 2;
      } else if (t.is("is")) {
        i++;
        op = accept("not") ? "is not" : "is";
      }
      if (op == null) {
        return left;
      }
      left = new Node.Compare(op, left, arith(), t.line(), t.column());
    }
  }

  private Node.Expr arith() {
    Node.Expr left = term();
    while (peek().is("+") || peek().is("-")) {
      Token t = next();
      left = new Node.BinOp(t.text(), left, term(), t.line(), t.column());
    }
    return left;
  }

  private Node.Expr term() {
    Node.Expr left = factor();
    while (peek().is("*") || peek().is("/") || peek().is("//") || peek().is("%")) {
      Token t = next();
      left = new Node.BinOp(t.text(), left, factor(), t.line(), t.column());
    }
    return left;
  }

  private Node.Expr factor() {
    if (peek().is("-") || peek().is("+")) {
      Token t = next();
      enter(t);
      try {
        return new Node.UnaryOp(t.text(), factor(), t.line(), t.column());
      } finally {
        depth--;
      }
    }
    return postfix();
  }

  /** Calls, subscripts and attributes; each link of {@code a.b(c)[d]} nests one level deeper. */
  private Node.Expr postfix() {
    int base = depth;
    try {
      return postfixChain();
    } finally {
      depth = base;
    }
  }

  private Node.Expr postfixChain() {
    Node.Expr e = atom();
    while (true) {
      Token t = peek();
      if (t.is("(") || t.is("[") || t.is(".")) {
        enter(t);
      }
      if (t.is("(")) {
        i++;
        List<Node.Expr> args = new ArrayList<>();
        List<String> kws = new ArrayList<>();
        List<Node.Expr> kwValues = new ArrayList<>();
        while (!peek().is(")")) {
          if (peek().type() == Token.Type.NAME && toks.get(i + 1).is("=")) {
            kws.add(next().text());
            i++;
            kwValues.add(expr());
          } else {
            if (!kws.isEmpty()) {
              throw error(peek(), "positional argument after keyword argument");
            }
            args.add(expr());
          }
          if (!accept(",")) {
            break;
          }
        }
        expect(")");
        e = new Node.Call(e, args, kws, kwValues, t.line(), t.column());
      } else if (t.is("[")) {
        i++;
        Node.Expr idx = peek().is(":") ? null : expr();
        if (accept(":")) {
          Node.Expr end = peek().is("]") ? null : expr();
          expect("]");
          e = new Node.Subscript(e, idx, end, true, t.line(), t.column());
        } else {
          expect("]");
          e = new Node.Subscript(e, idx, null, false, t.line(), t.column());
        }
      } else if (t.is(".")) {
        i++;
        e = new Node.Attribute(e, name().text(), t.line(), t.column());
      } else {
        return e;
      }
    }
  }

  private Node.Expr atom() {
    Token t = next();
    switch (t.type()) {
      case NUMBER:
        return new Node.Const(t.value(), t.line(), t.column());
      case STRING:
        {
          StringBuilder b = new StringBuilder((String) t.value());
          while (peek().type() == Token.Type.STRING) {
            b.append((String) next().value());
          }
          return new Node.Const(b.toString(), t.line(), t.column());
        }
      case NAME:
        switch (t.text()) {
          case "True":
            return new Node.Const(Boolean.TRUE, t.line(), t.column());
          case "False":
            return new Node.Const(Boolean.FALSE, t.line(), t.column());
          case "None":
            return new Node.Const(null, t.line(), t.column());
          default:
            return new Node.Name(t.text(), t.line(), t.column());
        }
      case OP:
        if (t.is("(")) {
          if (accept(")")) {
            return new Node.TupleExpr(List.of(), t.line(), t.column());
          }
          Node.Expr first = expr();
          if (accept(")")) {
            return first;
          }
          List<Node.Expr> items = new ArrayList<>();
          items.add(first);
          while (accept(",")) {
            if (peek().is(")")) {
              break;
            }
            items.add(expr());
          }
          expect(")");
          return new Node.TupleExpr(items, t.line(), t.column());
        }
        if (t.is("[")) {
          List<Node.Expr> items = new ArrayList<>();
          while (!peek().is("]")) {
            items.add(expr());
            if (peek().is("for")) {
              throw error(
                  peek(),
                  "list comprehensions are not supported in xm config files; write the list out");
            }
            if (!accept(",")) {
              break;
            }
          }
          expect("]");
          return new Node.ListExpr(items, t.line(), t.column());
        }
        if (t.is("{")) {
          List<Node.Expr> keys = new ArrayList<>();
          List<Node.Expr> values = new ArrayList<>();
          while (!peek().is("}")) {
            keys.add(expr());
            expect(":");
            values.add(expr());
            if (!accept(",")) {
              break;
            }
          }
          expect("}");
          return new Node.DictExpr(keys, values, t.line(), t.column());
        }
        break;
      default:
        break;
    }
    throw error(
        t,
        t.type() == Token.Type.NEWLINE || t.type() == Token.Type.EOF
            ? "the line ends where a value was expected"
            : "unexpected '" + t.text() + "'");
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** One level deeper; past {@link Limits#MAX_DEPTH} the file is refused where the level starts. */
  private void enter(Token t) {
    if (++depth > Limits.MAX_DEPTH) {
      throw error(
          t,
          "nested too deeply (more than "
              + Limits.MAX_DEPTH
              + " levels of brackets, blocks, unary"
              + " operators, calls and subscripts); split the expression or the block");
    }
  }

  private boolean atEndOfStatement() {
    Token t = peek();
    return t.type() == Token.Type.NEWLINE || t.type() == Token.Type.EOF || t.is(";");
  }

  private Token peek() {
    return toks.get(i);
  }

  private Token next() {
    return toks.get(i++);
  }

  private boolean accept(String op) {
    if (peek().is(op)) {
      i++;
      return true;
    }
    return false;
  }

  private void expect(String op) {
    if (!accept(op)) {
      Token t = peek();
      throw error(t, "expected '" + op + "' but found " + describe(t));
    }
  }

  private void expectNewline() {
    Token t = peek();
    if (t.type() == Token.Type.NEWLINE) {
      i++;
    } else if (t.type() != Token.Type.EOF && t.type() != Token.Type.DEDENT) {
      throw error(t, "expected the end of the line but found " + describe(t));
    }
  }

  private Token name() {
    Token t = next();
    if (t.type() != Token.Type.NAME) {
      throw error(t, "expected a name but found " + describe(t));
    }
    return t;
  }

  private static String describe(Token t) {
    return switch (t.type()) {
      case NEWLINE -> "the end of the line";
      case EOF -> "the end of the file";
      case INDENT -> "an indented line";
      case DEDENT -> "the end of a block";
      default -> "'" + t.text() + "'";
    };
  }

  private XmException error(Token t, String message) {
    return XmException.badInput(new Location(source, t.line(), t.column()), message);
  }

  private XmException error(Node n, String message) {
    return XmException.badInput(new Location(source, n.line(), n.column()), message);
  }
}
