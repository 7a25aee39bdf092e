package xm.cli.domain;

import xm.cli.Opt;
import xm.cli.XmCommand;
import xm.diag.XmException;

/**
 * {@code xm console [-q] <Domain>}: prints what the guest has written to its console. The
 * simulated host keeps the console as a log, so this shows it and returns.
 */
public final class ConsoleCommand extends XmCommand {
  static final Opt QUIET = Opt.flag("-q", "--quiet", "Do not print an error message if the domain does not exist");

  boolean quiet;

  @Override
  protected java.util.List<Opt> options() {
    return java.util.List.of(QUIET);
  }

  @Override
  protected void configure() {
    quiet = has(QUIET);
  }

  @Override
  public Integer call() {
    if (args.size() != 1) {
      throw new xm.cli.UsageException("No domain given");
    }
    try {
      for (String line : host().console(args.get(0))) {
        out().println(line);
      }
      return 0;
    } catch (XmException e) {
      if (quiet) {
        return 1;
      }
      throw e;
    }
  }
}
