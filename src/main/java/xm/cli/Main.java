package xm.cli;

import java.util.Arrays;
import xm.diag.XmException;

/**
 * The {@code xm} command: reads the global options ({@code --host}, {@code --debug}), finds the
 * subcommand (exact name, deprecated alias or unique prefix), builds only that command, runs it,
 * and turns every failure into one {@code Error:} line and an exit code from {@link ExitCodes}. No
 * stack trace reaches the user unless {@code --debug} is given.
 */
public final class Main {
  private Main() {}

  public static void main(String[] argv) {
    Env env = Env.system();
    int code = run(argv, env);
    env.out().flush();
    env.err().flush();
    System.exit(code);
  }

  /** Runs one xm command line against {@code env}; returns its exit code. */
  public static int run(String[] argv, Env env) {
    boolean debug = false;
    String host = null;
    int i = 0;
    try {
      while (i < argv.length && argv[i].startsWith("-")) {
        String a = argv[i];
        if (a.equals("--debug")) {
          debug = true;
        } else if (a.equals("--host")
            || a.equals("-H")
            || a.equals("--connect")
            || a.equals("-c")) {
          if (i + 1 >= argv.length) {
            return usageError(env, null, "option " + a + " requires argument");
          }
          host = argv[++i]; // a simulated host's name, or a libvirt URI (as virsh -c takes)
          if (host.isBlank()) {
            return usageError(
                env, null, "option " + a + " needs a host name or a libvirt URI, not an empty one");
          }
        } else if (a.startsWith("--host=")) {
          host = a.substring("--host=".length());
        } else if (a.startsWith("--connect=")) {
          host = a.substring("--connect=".length());
        } else if (a.equals("-h") || a.equals("--help")) {
          Help.longHelp(env.out());
          return ExitCodes.OK;
        } else if (a.equals("--version") || a.equals("-V")) {
          env.out().println(Version.text());
          return ExitCodes.OK;
        } else {
          return usageError(env, null, "option " + a + " not recognized");
        }
        i++;
      }
      if (i >= argv.length) {
        Help.shortHelp(env.out());
        return ExitCodes.ERROR;
      }
      CommandTable.Resolved r = CommandTable.resolve(argv[i]);
      if (r == null) {
        env.err()
            .println("Error: Subcommand " + xm.diag.SafeText.errorLine(argv[i]) + " not found!");
        Help.shortHelp(env.out());
        return ExitCodes.ERROR;
      }
      if (r.alias() != null) {
        env.err()
            .println(
                "Command "
                    + r.alias()
                    + " is deprecated.  Please use xm "
                    + r.name()
                    + " instead.");
      }
      String[] rest = Arrays.copyOfRange(argv, i + 1, argv.length);
      // The origin hosts record names the command itself, not the prefix or alias it was typed as,
      // so that a log (and drift causes) read "xm apply" whether "xm appl" was typed or not.
      String origin = "xm " + r.name() + (rest.length == 0 ? "" : " " + String.join(" ", rest));
      return execute(env, r.name(), rest, host, debug, origin);
    } catch (RuntimeException | Error e) {
      return unexpected(env, e, debug);
    } finally {
      env.out().flush();
      env.err().flush();
    }
  }

  private static int execute(
      Env env, String name, String[] rest, String host, boolean debug, String origin) {
    CommandTable.Entry entry = CommandTable.entry(name);
    XmCommand cmd = CommandTable.create(name);
    cmd.init(env, name, origin, new Backends(env, host));
    cmd.debug = debug;
    if (wantsHelp(rest)) {
      Help.commandHelp(env.out(), entry, cmd.declaredOptions());
      return ExitCodes.OK;
    }
    try {
      cmd.parse(rest);
      Integer code = cmd.call();
      return code == null ? ExitCodes.OK : code;
    } catch (UsageException e) {
      return usageError(env, cmd, e.getMessage());
    } catch (XmException e) {
      if (debug) {
        e.printStackTrace(env.err());
      }
      // the message may quote what the user typed: no control sequence of it reaches the terminal,
      // and a newline in it does not start a second Error: line (a spec set's problems are one
      // each)
      if (e instanceof xm.spec.SpecError se) {
        for (String p : se.problems()) {
          env.err().println("Error: " + xm.diag.SafeText.errorLine(p));
        }
      } else {
        env.err().println("Error: " + xm.diag.SafeText.errorLine(e.getMessage()));
      }
      return ExitCodes.of(e);
    } catch (java.nio.file.InvalidPathException e) {
      if (debug) {
        e.printStackTrace(env.err());
      }
      env.err()
          .println(
              "Error: Invalid path '"
                  + xm.diag.SafeText.errorLine(e.getInput().replace("\0", "\\0"))
                  + "': "
                  + e.getReason());
      return ExitCodes.ERROR;
    } catch (Exception e) {
      return unexpected(env, e, debug);
    } finally {
      cmd.closeHost();
    }
  }

  private static boolean wantsHelp(String[] rest) {
    for (String a : rest) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("-h") || a.equals("--help")) {
        return true;
      }
    }
    return false;
  }

  private static int usageError(Env env, XmCommand cmd, String message) {
    env.err().println("Error: " + xm.diag.SafeText.errorLine(message));
    env.err().flush();
    if (cmd == null) {
      Help.shortHelp(env.out());
    } else {
      Help.commandHelp(env.out(), CommandTable.entry(cmd.name), cmd.declaredOptions());
    }
    return ExitCodes.ERROR;
  }

  private static int unexpected(Env env, Throwable e, boolean debug) {
    if (debug) {
      e.printStackTrace(env.err());
    }
    env.err()
        .println(
            "Error: internal error: "
                + xm.diag.SafeText.errorLine(String.valueOf(e))
                + (debug ? "" : " (run with --debug for details, and please report it)"));
    return ExitCodes.ERROR;
  }
}
