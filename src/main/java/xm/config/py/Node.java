package xm.config.py;

import java.util.List;

/**
 * The syntax tree of a config script: statements and expressions, each with its line and column.
 */
sealed interface Node {
  int line();

  int column();

  sealed interface Expr extends Node {}

  sealed interface Stmt extends Node {}

  record Const(Object value, int line, int column) implements Expr {}

  record Name(String id, int line, int column) implements Expr {}

  record ListExpr(List<Expr> items, int line, int column) implements Expr {}

  record TupleExpr(List<Expr> items, int line, int column) implements Expr {}

  record DictExpr(List<Expr> keys, List<Expr> values, int line, int column) implements Expr {}

  record BinOp(String op, Expr left, Expr right, int line, int column) implements Expr {}

  record UnaryOp(String op, Expr operand, int line, int column) implements Expr {}

  record BoolOp(String op, Expr left, Expr right, int line, int column) implements Expr {}

  record Compare(String op, Expr left, Expr right, int line, int column) implements Expr {}

  record IfExpr(Expr test, Expr body, Expr orElse, int line, int column) implements Expr {}

  record Attribute(Expr target, String name, int line, int column) implements Expr {}

  record Subscript(Expr target, Expr index, Expr sliceEnd, boolean slice, int line, int column)
      implements Expr {}

  record Call(
      Expr function,
      List<Expr> args,
      List<String> keywords,
      List<Expr> keywordValues,
      int line,
      int column)
      implements Expr {}

  record Assign(List<Expr> targets, Expr value, int line, int column) implements Stmt {}

  record AugAssign(Name target, String op, Expr value, int line, int column) implements Stmt {}

  record ExprStmt(Expr value, int line, int column) implements Stmt {}

  record If(Expr test, List<Stmt> body, List<Stmt> orElse, int line, int column) implements Stmt {}

  record For(Name target, Expr iterable, List<Stmt> body, int line, int column) implements Stmt {}

  record Def(String name, List<String> params, List<Stmt> body, int line, int column)
      implements Stmt {}

  record Return(Expr value, int line, int column) implements Stmt {}

  record Raise(Expr value, int line, int column) implements Stmt {}

  record Import(List<String> modules, int line, int column) implements Stmt {}

  /** {@code from os import getcwd, path as p}: each name as {@code [name, alias]}. */
  record FromImport(String module, List<String[]> names, int line, int column) implements Stmt {}

  record Pass(int line, int column) implements Stmt {}
}
