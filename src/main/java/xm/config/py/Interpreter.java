package xm.config.py;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xm.diag.Location;
import xm.diag.XmException;

/**
 * Runs a parsed config script in a fresh global scope seeded with the {@code name=value} variables
 * from the command line. Statements run in order; {@code def} makes a function; {@code import}
 * gives the small {@code os} and {@code re} modules xm's examples use; the object {@code xm_vars}
 * declares required command-line variables and checks them. Every failure becomes an {@link
 * XmException} naming file:line:column.
 */
final class Interpreter {
  /**
   * Levels of expressions, blocks and calls being evaluated at once. The parser bounds one
   * statement's nesting and calls are bounded too, but a function's body nests inside each call;
   * this bound keeps the whole well inside a 512 KiB thread stack even when nothing is compiled
   * (1,000 levels measured about 600 KiB with -Xint).
   */
  static final int MAX_EVAL_DEPTH = 500;

  private final String source;
  private final Map<String, Object> globals = new LinkedHashMap<>();
  private final Map<String, Location> assignedAt = new HashMap<>();
  private final Map<String, Object> builtins;
  private final List<Object[]> declaredVars = new ArrayList<>();
  private final Budget budget = new Budget();
  private int callDepth;
  private int depth;

  private Interpreter(String source, Map<String, ?> seed) {
    this.source = source;
    this.globals.putAll(seed);
    this.builtins = Builtins.create(budget);
    this.globals.put("xm_vars", xmVars());
    this.globals.put("xm_file", source);
    this.globals.put("xm_help", 0L);
  }

  /** Runs {@code text}; returns its variables and where each was last assigned. */
  static ConfigScript.Result run(String source, String text, Map<String, ?> seed) {
    List<Node.Stmt> program = Parser.parse(source, text);
    Interpreter in = new Interpreter(source, seed);
    try {
      in.exec(program, in.globals);
    } catch (PyError e) {
      throw in.fail(e);
    } catch (Signal s) {
      throw XmException.badInput(
          in.loc(s.at), "'" + (s instanceof Return ? "return" : "raise") + "' outside a function");
    } catch (StackOverflowError e) {
      // A last resort: the bounds above are meant to make this unreachable.
      throw XmException.badInput(new Location(source, 1, 1), "the config script nests too deeply");
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    in.globals.forEach(
        (k, v) -> {
          if (v == null
              || v instanceof String
              || v instanceof Long
              || v instanceof Double
              || v instanceof Boolean
              || v instanceof List
              || v instanceof Tuple
              || v instanceof Map) {
            vars.put(k, v);
          }
        });
    vars.remove("xm_file");
    vars.remove("xm_help");
    return new ConfigScript.Result(vars, in.assignedAt);
  }

  XmException fail(PyError e) {
    String msg = e.type.isEmpty() ? e.getMessage() : e.type + ": " + e.getMessage();
    return XmException.badInput(loc(e.at), msg);
  }

  Location loc(Node n) {
    return n == null ? new Location(source, 1, 1) : new Location(source, n.line(), n.column());
  }

  // ---- statements -----------------------------------------------------------------------------

  /** Thrown to leave a function ({@code return}) or to raise an exception. */
  static class Signal extends RuntimeException {
    final transient Node at;

    Signal(Node at) {
      super(null, null, false, false);
      this.at = at;
    }
  }

  static final class Return extends Signal {
    final transient Object value;

    Return(Object value, Node at) {
      super(at);
      this.value = value;
    }
  }

  void exec(List<Node.Stmt> body, Map<String, Object> scope) {
    for (Node.Stmt s : body) {
      budget.step(s);
      enter(s);
      try {
        exec(s, scope);
      } finally {
        depth--;
      }
    }
  }

  /** One more level of evaluation; past {@link #MAX_EVAL_DEPTH} the script is refused. */
  private void enter(Node at) {
    if (++depth > MAX_EVAL_DEPTH) {
      depth--;
      throw new PyError(
          "",
          "the config script nests too deeply while it runs (more than "
              + MAX_EVAL_DEPTH
              + " levels of calls, blocks and expressions)",
          at);
    }
  }

  private void exec(Node.Stmt s, Map<String, Object> scope) {
    if (s instanceof Node.If i) {
      execIf(i, scope);
    } else if (s instanceof Node.Assign a) {
      Object v = eval(a.value(), scope);
      for (Node.Expr target : a.targets()) {
        assign(target, v, scope);
      }
    } else if (s instanceof Node.AugAssign a) {
      Object cur = lookup(a.target(), scope);
      assign(a.target(), Operators.binary(a.op(), cur, eval(a.value(), scope), a, budget), scope);
    } else if (s instanceof Node.ExprStmt e) {
      eval(e.value(), scope);
    } else if (s instanceof Node.For f) {
      for (Object item : Operators.iterate(eval(f.iterable(), scope), f, budget)) {
        budget.step(f);
        assign(f.target(), item, scope);
        exec(f.body(), scope);
      }
    } else if (s instanceof Node.Def d) {
      scope.put(d.name(), (PyFunction) (args, kwargs, at) -> callDef(d, args, kwargs, at));
    } else if (s instanceof Node.Return r) {
      throw new Return(r.value() == null ? null : eval(r.value(), scope), r);
    } else if (s instanceof Node.Raise r) {
      Object v = r.value() == null ? null : eval(r.value(), scope);
      String type = v instanceof Module m ? m.name() : "Exception";
      throw new PyError(type, "raised by the config script", r);
    } else if (s instanceof Node.Import im) {
      for (String m : im.modules()) {
        Object mod = Builtins.module(m, budget);
        if (mod == null) {
          throw new PyError(
              "ImportError",
              "module '" + m + "' is not available in xm config files (only os and re are)",
              im);
        }
        scope.put(m.contains(".") ? m.substring(0, m.indexOf('.')) : m, mod);
      }
    } else if (s instanceof Node.FromImport fi) {
      Object mod = Builtins.module(fi.module(), budget);
      if (mod instanceof Module m && fi.module().equals("os.path")) {
        mod = m.attributes().get("path");
      }
      if (!(mod instanceof Module m)) {
        throw new PyError(
            "ImportError",
            "module '" + fi.module() + "' is not available in xm config files (only os and re are)",
            fi);
      }
      for (String[] n : fi.names()) {
        Object v = m.attributes().get(n[0]);
        if (v == null) {
          throw new PyError(
              "ImportError", "cannot import name '" + n[0] + "' from '" + fi.module() + "'", fi);
        }
        scope.put(n[1], v);
      }
    }
  }

  /**
   * An if/elif/else chain, walked as a loop: a long elif chain is a deep tree, but not a deep
   * recursion.
   */
  private void execIf(Node.If first, Map<String, Object> scope) {
    Node.If i = first;
    while (true) {
      if (Values.truthy(eval(i.test(), scope))) {
        exec(i.body(), scope);
        return;
      }
      if (i.orElse().size() == 1 && i.orElse().get(0) instanceof Node.If elif) {
        budget.step(elif);
        i = elif;
      } else {
        exec(i.orElse(), scope);
        return;
      }
    }
  }

  private void assign(Node.Expr target, Object v, Map<String, Object> scope) {
    if (target instanceof Node.Name n) {
      scope.put(n.id(), v);
      if (scope == globals) {
        assignedAt.put(n.id(), loc(n));
      }
      return;
    }
    Node.TupleExpr t = (Node.TupleExpr) target;
    List<Object> items = Operators.iterate(v, target, budget);
    if (items.size() != t.items().size()) {
      throw new PyError(
          "ValueError",
          "cannot unpack " + items.size() + " values into " + t.items().size() + " names",
          target);
    }
    for (int i = 0; i < items.size(); i++) {
      assign(t.items().get(i), items.get(i), scope);
    }
  }

  private Object callDef(Node.Def d, List<Object> args, Map<String, Object> kwargs, Node at) {
    if (args.size() + kwargs.size() != d.params().size()) {
      throw new PyError(
          "TypeError",
          d.name()
              + "() takes exactly "
              + d.params().size()
              + " arguments ("
              + (args.size() + kwargs.size())
              + " given)",
          at);
    }
    if (++callDepth > Limits.MAX_CALLS) {
      throw new PyError("RuntimeError", "maximum recursion depth exceeded", at);
    }
    try {
      Map<String, Object> locals = new HashMap<>();
      for (int i = 0; i < args.size(); i++) {
        locals.put(d.params().get(i), args.get(i));
      }
      for (Map.Entry<String, Object> e : kwargs.entrySet()) {
        if (!d.params().contains(e.getKey())) {
          throw new PyError(
              "TypeError",
              d.name() + "() got an unexpected keyword argument '" + e.getKey() + "'",
              at);
        }
        locals.put(e.getKey(), e.getValue());
      }
      locals.put("\u0000function", d);
      exec(d.body(), locals);
      return null;
    } catch (Return r) {
      return r.value;
    } finally {
      callDepth--;
    }
  }

  // ---- expressions ----------------------------------------------------------------------------

  Object eval(Node.Expr e, Map<String, Object> scope) {
    if (e instanceof Node.Const c) {
      return c.value();
    }
    if (e instanceof Node.Name n) {
      return lookup(n, scope);
    }
    enter(e);
    try {
      return evalCompound(e, scope);
    } catch (PyError err) {
      // Errors raised deep inside a value (repr, equality) know no place; this node is the place.
      throw err.at == null ? new PyError(err.type, err.getMessage(), e) : err;
    } finally {
      depth--;
    }
  }

  private Object evalCompound(Node.Expr e, Map<String, Object> scope) {
    if (e instanceof Node.ListExpr l) {
      Limits.items(l.items().size(), e);
      budget.charge(l.items().size(), e);
      List<Object> out = new ArrayList<>();
      for (Node.Expr x : l.items()) {
        out.add(eval(x, scope));
      }
      return out;
    }
    if (e instanceof Node.TupleExpr t) {
      Limits.items(t.items().size(), e);
      budget.charge(t.items().size(), e);
      List<Object> out = new ArrayList<>();
      for (Node.Expr x : t.items()) {
        out.add(eval(x, scope));
      }
      return new Tuple(out);
    }
    if (e instanceof Node.DictExpr d) {
      Limits.items(d.keys().size(), e);
      budget.charge(d.keys().size(), e);
      Map<Object, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < d.keys().size(); i++) {
        out.put(
            Values.key(eval(d.keys().get(i), scope), d.keys().get(i), budget),
            eval(d.values().get(i), scope));
      }
      return out;
    }
    if (e instanceof Node.BinOp || e instanceof Node.BoolOp || e instanceof Node.Compare) {
      return chain(e, scope);
    }
    if (e instanceof Node.UnaryOp u) {
      return Operators.unary(u.op(), eval(u.operand(), scope), u);
    }
    if (e instanceof Node.IfExpr i) {
      return Values.truthy(eval(i.test(), scope)) ? eval(i.body(), scope) : eval(i.orElse(), scope);
    }
    if (e instanceof Node.Attribute a) {
      Object target = eval(a.target(), scope);
      return Operators.attribute(target, a.name(), a, budget);
    }
    if (e instanceof Node.Subscript s) {
      Object target = eval(s.target(), scope);
      Object idx = s.index() == null ? null : eval(s.index(), scope);
      if (s.slice()) {
        return Operators.slice(
            target, idx, s.sliceEnd() == null ? null : eval(s.sliceEnd(), scope), s, budget);
      }
      return Operators.index(target, idx, s, budget);
    }
    Node.Call c = (Node.Call) e;
    Object fn = eval(c.function(), scope);
    List<Object> args = new ArrayList<>();
    for (Node.Expr x : c.args()) {
      args.add(eval(x, scope));
    }
    Map<String, Object> kwargs = new LinkedHashMap<>();
    for (int i = 0; i < c.keywords().size(); i++) {
      kwargs.put(c.keywords().get(i), eval(c.keywordValues().get(i), scope));
    }
    if (!(fn instanceof PyFunction f)) {
      throw new PyError("TypeError", "'" + Values.typeName(fn) + "' object is not callable", c);
    }
    Object result = f.call(args, kwargs, c);
    budget.charge(Budget.size(result), c);
    return result;
  }

  /**
   * A run of binary operators, {@code a + b + c ...}: the parser builds it as a tree leaning left,
   * as deep as the run is long, so it is evaluated from the innermost left operand outwards in a
   * loop rather than by recursion, and a long run costs no stack.
   */
  private Object chain(Node.Expr e, Map<String, Object> scope) {
    List<Node.Expr> spine = new ArrayList<>();
    Node.Expr left = e;
    while (left instanceof Node.BinOp
        || left instanceof Node.BoolOp
        || left instanceof Node.Compare) {
      spine.add(left);
      left =
          left instanceof Node.BinOp b
              ? b.left()
              : left instanceof Node.BoolOp b ? b.left() : ((Node.Compare) left).left();
    }
    Object value = eval(left, scope);
    for (int k = spine.size() - 1; k >= 0; k--) {
      Node.Expr op = spine.get(k);
      if (op instanceof Node.BinOp b) {
        value = Operators.binary(b.op(), value, eval(b.right(), scope), b, budget);
      } else if (op instanceof Node.BoolOp b) {
        boolean t = Values.truthy(value);
        if (b.op().equals("or") ? !t : t) {
          value = eval(b.right(), scope);
        }
      } else {
        Node.Compare c = (Node.Compare) op;
        value = Operators.compare(c.op(), value, eval(c.right(), scope), c, budget);
      }
    }
    return value;
  }

  private Object lookup(Node.Name n, Map<String, Object> scope) {
    if (scope.containsKey(n.id())) {
      return scope.get(n.id());
    }
    if (scope != globals && globals.containsKey(n.id())) {
      return globals.get(n.id());
    }
    if (builtins.containsKey(n.id())) {
      return builtins.get(n.id());
    }
    throw new PyError(
        "NameError",
        "name '"
            + n.id()
            + "' is not defined"
            + (scope == globals
                ? " (pass it on the command line as "
                    + n.id()
                    + "=VALUE, or set it earlier in the file)"
                : ""),
        n);
  }

  // ---- xm_vars --------------------------------------------------------------------------------

  private Module xmVars() {
    Map<String, Object> attrs = new HashMap<>();
    attrs.put(
        "var",
        (PyFunction)
            (args, kwargs, at) -> {
              if (args.isEmpty() || !(args.get(0) instanceof String)) {
                throw new PyError("TypeError", "xm_vars.var() needs the variable's name", at);
              }
              declaredVars.add(
                  new Object[] {args.get(0), kwargs.get("use"), kwargs.get("check"), at});
              return null;
            });
    attrs.put(
        "check",
        (PyFunction)
            (args, kwargs, at) -> {
              for (Object[] v : declaredVars) {
                String name = (String) v[0];
                String use = v[1] == null ? "" : " (" + Values.str(v[1]) + ")";
                if (!globals.containsKey(name)) {
                  throw new PyError(
                      "",
                      "this config needs the variable '"
                          + name
                          + "'"
                          + use
                          + ": pass it as "
                          + name
                          + "=VALUE",
                      (Node) v[3]);
                }
                if (v[2] instanceof PyFunction check) {
                  try {
                    globals.put(name, check.call(List.of(name, globals.get(name)), Map.of(), at));
                  } catch (PyError e) {
                    throw new PyError(
                        "",
                        "invalid value "
                            + Values.brief(globals.get(name))
                            + " for variable '"
                            + name
                            + "'"
                            + use,
                        (Node) v[3]);
                  }
                }
              }
              return null;
            });
    return new Module("xm_vars", attrs);
  }
}
