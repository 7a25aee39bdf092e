package xm.cli.domain;

import xm.cli.XmCommand;

/** {@code xm unpause <Domain>}. */
public final class UnpauseCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    host().unpause(args.get(0), origin);
    return 0;
  }
}
