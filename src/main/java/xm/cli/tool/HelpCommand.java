package xm.cli.tool;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xm.cli.Help;
import xm.cli.XmCommand;

/** {@code xm help [--long] [command]}. */
@Command(name = "help")
public final class HelpCommand extends XmCommand {
  @Option(names = "--long", description = "List every subcommand, grouped by function")
  boolean full;

  @Override
  public Integer call() {
    if (!args.isEmpty()) {
      return xm.cli.Main.run(new String[] {args.get(0), "--help"}, env);
    }
    if (full) {
      Help.longHelp(out());
    } else {
      Help.shortHelp(out());
    }
    return 0;
  }
}
