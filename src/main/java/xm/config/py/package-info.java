/**
 * A small, strict interpreter for the Python that xmdomain.cfg files are written in: lexer,
 * parser, evaluator, a few builtins and the os, re and xm_vars objects real configs use. Every
 * error is an {@link xm.diag.XmException} with file:line:column; never an uncaught exception.
 */
package xm.config.py;
