package xm.cli.domain;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xm.cli.XmCommand;
import xm.diag.XmException;

/**
 * {@code xm console [-q] <Domain>}: prints what the guest has written to its console. The
 * simulated host keeps the console as a log, so this shows it and returns.
 */
@Command(name = "console")
public final class ConsoleCommand extends XmCommand {
  @Option(names = {"-q", "--quiet"}, description = "Do not print an error message if the domain does not exist")
  boolean quiet;

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
