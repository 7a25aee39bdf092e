package xm.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch of the world it runs in: its output streams, environment variables,
 * working directory, standard input and whether it talks to a terminal. Tests pass their own.
 */
public record Env(
    PrintWriter out,
    PrintWriter err,
    Map<String, String> vars,
    Path cwd,
    InputStream in,
    boolean terminal) {

  /** The real process environment. */
  public static Env system() {
    PrintWriter out =
        new PrintWriter(
            new java.io.BufferedWriter(new java.io.OutputStreamWriter(System.out)), false);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err), true);
    return new Env(
        out,
        err,
        System.getenv(),
        Path.of("").toAbsolutePath(),
        System.in,
        System.console() != null);
  }

  public String var(String name) {
    return vars.get(name);
  }
}
