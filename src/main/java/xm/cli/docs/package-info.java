/**
 * What the build makes from the command table, so that help, completion and the man page never
 * disagree: the bash/zsh completion script (picocli's generator, run at build time only) and the
 * man page xm(1). Run by the build ({@link xm.cli.docs.BuildDocs}); nothing here is on the path of
 * an xm command but the reading of the finished completion script.
 */
package xm.cli.docs;
