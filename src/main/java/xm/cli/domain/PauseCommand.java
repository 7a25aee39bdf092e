package xm.cli.domain;

import picocli.CommandLine.Command;
import xm.cli.XmCommand;

/** {@code xm pause <Domain>}. */
@Command(name = "pause")
public final class PauseCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    host().pause(args.get(0), origin);
    return 0;
  }
}
