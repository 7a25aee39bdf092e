package xm.cli.domain;

import xm.cli.XmCommand;

/** {@code xm destroy <Domain>}. */
public final class DestroyCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    host().destroy(args.get(0), origin);
    return 0;
  }
}
