package xm.config.py;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xm.diag.Location;
import xm.diag.XmException;

/**
 * Runs a parsed config script in a fresh global scope seeded with the {@code name=value}
 * variables from the command line. Statements run in order; {@code def} makes a function;
 * {@code import} gives the small {@code os} and {@code re} modules xm's examples use; the object
 * {@code xm_vars} declares required command-line variables and checks them. Every failure becomes
 * an {@link XmException} naming file:line:column.
 */
final class Interpreter {
  private static final int MAX_STEPS = 1_000_000;

  private final String source;
  private final Map<String, Object> globals = new LinkedHashMap<>();
  private final Map<String, Location> assignedAt = new HashMap<>();
  private final Map<String, Object> builtins;
  private final List<Object[]> declaredVars = new ArrayList<>();
  private int steps;
  private int callDepth;

  private Interpreter(String source, Map<String, ?> seed) {
    this.source = source;
    this.globals.putAll(seed);
    this.builtins = Builtins.create(this);
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
      throw XmException.badInput(in.loc(s.at), "'" + (s instanceof Return ? "return" : "raise") + "' outside a function");
    } catch (StackOverflowError e) {
      throw XmException.badInput(new Location(source, 1, 1), "the config script recurses too deeply");
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    in.globals.forEach((k, v) -> {
      if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean
          || v instanceof List || v instanceof Tuple || v instanceof Map) {
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
      if (++steps > MAX_STEPS) {
        throw new PyError("", "the config script runs too long (more than " + MAX_STEPS + " steps)", s);
      }
      exec(s, scope);
    }
  }

  private void exec(Node.Stmt s, Map<String, Object> scope) {
    if (s instanceof Node.Assign a) {
      Object v = eval(a.value(), scope);
      for (Node.Expr target : a.targets()) {
        assign(target, v, scope);
      }
    } else if (s instanceof Node.AugAssign a) {
      Object cur = lookup(a.target(), scope);
      assign(a.target(), Operators.binary(a.op(), cur, eval(a.value(), scope), a), scope);
    } else if (s instanceof Node.ExprStmt e) {
      eval(e.value(), scope);
    } else if (s instanceof Node.If i) {
      exec(Values.truthy(eval(i.test(), scope)) ? i.body() : i.orElse(), scope);
    } else if (s instanceof Node.For f) {
      for (Object item : Operators.iterate(eval(f.iterable(), scope), f)) {
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
        Object mod = Builtins.module(m);
        if (mod == null) {
          throw new PyError("ImportError", "module '" + m + "' is not available in xm config files (only os and re are)", im);
        }
        scope.put(m.contains(".") ? m.substring(0, m.indexOf('.')) : m, mod);
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
    List<Object> items = Operators.iterate(v, target);
    if (items.size() != t.items().size()) {
      throw new PyError("ValueError", "cannot unpack " + items.size() + " values into " + t.items().size() + " names", target);
    }
    for (int i = 0; i < items.size(); i++) {
      assign(t.items().get(i), items.get(i), scope);
    }
  }

  private Object callDef(Node.Def d, List<Object> args, Map<String, Object> kwargs, Node at) {
    if (args.size() + kwargs.size() != d.params().size()) {
      throw new PyError("TypeError", d.name() + "() takes exactly " + d.params().size() + " arguments ("
          + (args.size() + kwargs.size()) + " given)", at);
    }
    if (++callDepth > 100) {
      throw new PyError("RuntimeError", "maximum recursion depth exceeded", at);
    }
    try {
      Map<String, Object> locals = new HashMap<>();
      for (int i = 0; i < args.size(); i++) {
        locals.put(d.params().get(i), args.get(i));
      }
      for (Map.Entry<String, Object> e : kwargs.entrySet()) {
        if (!d.params().contains(e.getKey())) {
          throw new PyError("TypeError", d.name() + "() got an unexpected keyword argument '" + e.getKey() + "'", at);
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
    if (e instanceof Node.ListExpr l) {
      List<Object> out = new ArrayList<>();
      for (Node.Expr x : l.items()) {
        out.add(eval(x, scope));
      }
      return out;
    }
    if (e instanceof Node.TupleExpr t) {
      List<Object> out = new ArrayList<>();
      for (Node.Expr x : t.items()) {
        out.add(eval(x, scope));
      }
      return new Tuple(out);
    }
    if (e instanceof Node.DictExpr d) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < d.keys().size(); i++) {
        out.put(eval(d.keys().get(i), scope), eval(d.values().get(i), scope));
      }
      return out;
    }
    if (e instanceof Node.BinOp b) {
      return Operators.binary(b.op(), eval(b.left(), scope), eval(b.right(), scope), b);
    }
    if (e instanceof Node.UnaryOp u) {
      return Operators.unary(u.op(), eval(u.operand(), scope), u);
    }
    if (e instanceof Node.BoolOp b) {
      Object left = eval(b.left(), scope);
      boolean t = Values.truthy(left);
      if (b.op().equals("or") ? t : !t) {
        return left;
      }
      return eval(b.right(), scope);
    }
    if (e instanceof Node.Compare c) {
      return Operators.compare(c.op(), eval(c.left(), scope), eval(c.right(), scope), c);
    }
    if (e instanceof Node.IfExpr i) {
      return Values.truthy(eval(i.test(), scope)) ? eval(i.body(), scope) : eval(i.orElse(), scope);
    }
    if (e instanceof Node.Attribute a) {
      Object target = eval(a.target(), scope);
      return Operators.attribute(target, a.name(), a);
    }
    if (e instanceof Node.Subscript s) {
      Object target = eval(s.target(), scope);
      Object idx = s.index() == null ? null : eval(s.index(), scope);
      if (s.slice()) {
        return Operators.slice(target, idx, s.sliceEnd() == null ? null : eval(s.sliceEnd(), scope), s);
      }
      return Operators.index(target, idx, s);
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
    return f.call(args, kwargs, c);
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
    throw new PyError("NameError", "name '" + n.id() + "' is not defined"
        + (scope == globals ? " (pass it on the command line as " + n.id() + "=VALUE, or set it earlier in the file)" : ""), n);
  }

  // ---- xm_vars --------------------------------------------------------------------------------

  private Module xmVars() {
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("var", (PyFunction) (args, kwargs, at) -> {
      if (args.isEmpty() || !(args.get(0) instanceof String)) {
        throw new PyError("TypeError", "xm_vars.var() needs the variable's name", at);
      }
      declaredVars.add(new Object[] {args.get(0), kwargs.get("use"), kwargs.get("check"), at});
      return null;
    });
    attrs.put("check", (PyFunction) (args, kwargs, at) -> {
      for (Object[] v : declaredVars) {
        String name = (String) v[0];
        String use = v[1] == null ? "" : " (" + Values.str(v[1]) + ")";
        if (!globals.containsKey(name)) {
          throw new PyError("", "this config needs the variable '" + name + "'" + use + ": pass it as " + name + "=VALUE", (Node) v[3]);
        }
        if (v[2] instanceof PyFunction check) {
          try {
            globals.put(name, check.call(List.of(name, globals.get(name)), Map.of(), at));
          } catch (PyError e) {
            throw new PyError("", "invalid value " + Values.repr(globals.get(name)) + " for variable '" + name + "'" + use, (Node) v[3]);
          }
        }
      }
      return null;
    });
    return new Module("xm_vars", attrs);
  }
}
