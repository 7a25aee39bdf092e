package xm.cli.domain;

import xm.cli.XmCommand;

/** {@code xm pause <Domain>}. */
public final class PauseCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    host().pause(args.get(0), origin);
    return 0;
  }
}
