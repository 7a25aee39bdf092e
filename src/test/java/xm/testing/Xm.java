package xm.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xm.cli.Env;
import xm.cli.Main;

/**
 * Runs xm commands in this JVM against one {@code XM_HOME} of the test's own (a temporary
 * directory), the way {@code bin/xm} would, and returns what the user would see.
 */
public final class Xm {
  private final Path home;
  private final Path cwd;
  private final Map<String, String> vars = new HashMap<>();

  public Xm(Path home) {
    this(home, home);
  }

  public Xm(Path home, Path cwd) {
    this.home = home;
    this.cwd = cwd;
    vars.put("XM_HOME", home.toString());
  }

  public Path home() {
    return home;
  }

  /** Sets an environment variable for the commands run from here on (null removes it). */
  public Xm env(String name, String value) {
    if (value == null) {
      vars.remove(name);
    } else {
      vars.put(name, value);
    }
    return this;
  }

  /** What one command printed and its exit code. */
  public record Run(String out, String err, int code) {
    /** Standard error's first line, the one a user reads. */
    public String error() {
      int nl = err.indexOf('\n');
      return nl < 0 ? err : err.substring(0, nl);
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  public Run run(String... argv) {
    return run(InputStream.nullInputStream(), argv);
  }

  public Run run(List<String> argv) {
    return run(argv.toArray(new String[0]));
  }

  public Run runWithInput(String stdin, String... argv) {
    return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), argv);
  }

  public Run run(InputStream in, String... argv) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Env env =
        new Env(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.copyOf(vars),
            cwd,
            in,
            false);
    int code = Main.run(argv, env);
    return new Run(out.toString(), err.toString(), code);
  }

  /** Writes {@code text} to {@code name} under the working directory and returns its path. */
  public Path file(String name, String text) {
    try {
      Path p = cwd.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
      return p;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
