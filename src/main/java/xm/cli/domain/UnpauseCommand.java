package xm.cli.domain;

import xm.cli.XmCommand;

/** {@code xm unpause <Domain>}. */
public final class UnpauseCommand extends XmCommand {
  @Override
  protected java.util.List<xm.cli.Opt> options() {
    return java.util.List.of(Holds.HOLD);
  }

  @Override
  public Integer call() {
    requireArgs(1);
    java.time.Duration hold = has(Holds.HOLD) ? Holds.parse(value(Holds.HOLD, null)) : null;
    host().unpause(args.get(0), origin);
    if (hold != null) {
      Holds.record(host(), args.get(0), "state", hold, origin);
    }
    return 0;
  }
}
