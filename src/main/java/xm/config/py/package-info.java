/**
 * A small, strict interpreter for the Python that xmdomain.cfg files are written in: lexer, parser,
 * evaluator, a few builtins and the os, re and xm_vars objects real configs use. Every error is an
 * {@link xm.diag.XmException} with file:line:column; never an uncaught exception. Everything a
 * script can make or do is bounded ({@link xm.config.py.Limits}): the source, its nesting, each
 * value's size, whole numbers (64-bit, never wrapped), steps and total work.
 */
package xm.config.py;
