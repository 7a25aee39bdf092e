package xm.cli.domain;

import xm.cli.XmCommand;

/**
 * {@code xm reset <Domain>}: destroys the domain and builds it again from its config under a new
 * id, unpaused.
 */
public final class ResetCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    host().reset(args.get(0), origin);
    return 0;
  }
}
