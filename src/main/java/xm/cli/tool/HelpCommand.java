package xm.cli.tool;

import xm.cli.Help;
import xm.cli.Opt;
import xm.cli.XmCommand;

/** {@code xm help [--long] [command]}. */
public final class HelpCommand extends XmCommand {
  static final Opt FULL = Opt.flag(null, "--long", "List every subcommand, grouped by function");

  @Override
  protected java.util.List<Opt> options() {
    return java.util.List.of(FULL);
  }

  @Override
  public Integer call() {
    boolean full = has(FULL);
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
