package xm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import xm.hypervisor.Hypervisor;

/**
 * Base of every subcommand: the environment it runs in, the host it talks to (opened on first
 * use), and xm's argument checks. Subclasses declare their options with picocli annotations and
 * read their positional arguments from {@link #args}, so that argument-count errors carry xm's
 * wording. Output goes through {@link #out()} and {@link #err()} so tests capture it.
 */
public abstract class XmCommand implements Callable<Integer> {

  @Parameters(arity = "0..*", paramLabel = "ARG", hidden = true)
  protected List<String> args = new ArrayList<>();

  protected Env env;
  protected String name;
  protected String origin;
  private Backends backends;
  private Hypervisor host;

  final void init(Env env, String name, String origin, Backends backends) {
    this.env = env;
    this.name = name;
    this.origin = origin;
    this.backends = backends;
  }

  public java.io.PrintWriter out() {
    return env.out();
  }

  public java.io.PrintWriter err() {
    return env.err();
  }

  /** The host this command works on, opened on first use. */
  protected Hypervisor host() {
    if (host == null) {
      host = backends.open();
    }
    return host;
  }

  protected Backends backends() {
    return backends;
  }

  final void closeHost() {
    if (host != null) {
      host.close();
    }
  }

  /** Exactly {@code n} positional arguments, or xm's error. */
  protected void requireArgs(int n) {
    if (args.size() != n) {
      throw new UsageException("'xm " + name + "' requires " + n + " argument" + (n == 1 ? "" : "s") + ".");
    }
  }

  /** Between {@code lo} and {@code hi} positional arguments, or xm's error. */
  protected void requireArgs(int lo, int hi) {
    if (args.size() < lo || args.size() > hi) {
      throw new UsageException("'xm " + name + "' requires between " + lo + " and " + hi + " arguments.");
    }
  }

  /** A whole number argument; xm's {@code Invalid argument.} otherwise. */
  protected static long number(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("Invalid argument.");
    }
  }

  /** A memory size in MiB: a number, optionally with a unit k, m or g (as xm's int_unit). */
  protected static long mebibytes(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      throw new UsageException("Invalid argument.");
    }
    char unit = Character.toLowerCase(t.charAt(t.length() - 1));
    long factorKiB;
    switch (unit) {
      case 'k' -> factorKiB = 1;
      case 'm' -> factorKiB = 1024;
      case 'g' -> factorKiB = 1024 * 1024;
      default -> {
        return number(t);
      }
    }
    long value = number(t.substring(0, t.length() - 1));
    return value * factorKiB / 1024;
  }
}
