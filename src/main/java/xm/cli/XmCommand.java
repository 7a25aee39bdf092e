package xm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import xm.hypervisor.Hypervisor;

/**
 * Base of every subcommand: the environment it runs in, the host it talks to (opened on first use),
 * its options and xm's argument checks. Subclasses list their options as {@link Opt} constants in
 * {@link #options()}, read them with {@link #has} and {@link #value} where they are used, and read
 * positional arguments from {@link #args}, so that argument-count errors carry xm's wording. Output
 * goes through {@link #out()} and {@link #err()} so tests capture it.
 */
public abstract class XmCommand implements Callable<Integer> {

  protected List<String> args = new ArrayList<>();
  private Map<Opt, List<String>> values = Map.of();

  protected Env env;
  protected String name;
  protected String origin;
  private Backends backends;
  private Hypervisor host;

  /** Whether xm was run with --debug (stack traces of failures). */
  protected boolean debug;

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

  /** The options this command accepts (besides -h/--help). */
  protected List<Opt> options() {
    return List.of();
  }

  /**
   * Parses {@code argv} as getopt would: options by this command's table, the rest into {@link
   * #args}.
   */
  public final void parse(String[] argv) {
    Getopt.Result r = Getopt.parse(options(), argv);
    values = r.values();
    args = r.positional();
  }

  protected boolean has(Opt o) {
    return values.containsKey(o);
  }

  /** The last value given for {@code o}, or {@code dflt}. */
  protected String value(Opt o, String dflt) {
    List<String> v = values.get(o);
    return v == null ? dflt : v.get(v.size() - 1);
  }

  protected Integer intValue(Opt o, Integer dflt) {
    String v = value(o, null);
    return v == null
        ? dflt
        : (Integer) (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number(v)));
  }

  protected Long longValue(Opt o, Long dflt) {
    String v = value(o, null);
    return v == null ? dflt : (Long) number(v);
  }

  protected double doubleValue(Opt o, double dflt) {
    String v = value(o, null);
    if (v == null) {
      return dflt;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("Invalid argument.");
    }
  }

  /** Every value given for {@code o}, as given (empty when none). */
  protected List<String> values(Opt o) {
    List<String> v = values.get(o);
    return v == null ? List.of() : v;
  }

  /** Every value given for {@code o}, each split at commas. */
  protected List<String> listValue(Opt o) {
    List<String> v = values.get(o);
    if (v == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String s : v) {
      for (String part : s.split(",")) {
        if (!part.isEmpty()) {
          out.add(part);
        }
      }
    }
    return out;
  }

  /** The command's options, for help and completion. */
  public final List<Opt> declaredOptions() {
    return options();
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
      throw new UsageException(
          "'xm " + name + "' requires " + n + " argument" + (n == 1 ? "" : "s") + ".");
    }
  }

  /** Between {@code lo} and {@code hi} positional arguments, or xm's error. */
  protected void requireArgs(int lo, int hi) {
    if (args.size() < lo || args.size() > hi) {
      throw new UsageException(
          "'xm " + name + "' requires between " + lo + " and " + hi + " arguments.");
    }
  }

  /** A whole number argument; xm's {@code Invalid argument.} otherwise. */
  protected static long number(String text) {
    // Long.parseLong also reads other scripts' digits ('٥' is 5); xm's int() on a byte string did
    // not
    if (!text.chars().allMatch(c -> c < 0x80)) {
      throw new UsageException("Invalid argument.");
    }
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
    try {
      return Math.multiplyExact(value, factorKiB) / 1024;
    } catch (ArithmeticException e) {
      throw new UsageException("Invalid argument: " + t + " is more memory than any host has.");
    }
  }
}
