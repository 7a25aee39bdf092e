package xm.cli.domain;

import xm.cli.XmCommand;

/** {@code xm mem-max <Domain> <Mem>}: sets the ceiling mem-set may balloon to. */
public final class MemMaxCommand extends XmCommand {
  @Override
  protected java.util.List<xm.cli.Opt> options() {
    return java.util.List.of(Holds.HOLD);
  }

  @Override
  public Integer call() {
    requireArgs(2);
    long mib = mebibytes(args.get(1));
    java.time.Duration hold = has(Holds.HOLD) ? Holds.parse(value(Holds.HOLD, null)) : null;
    host().setMaxMemory(args.get(0), mib, origin);
    if (hold != null) {
      Holds.record(host(), args.get(0), "maxmem", hold, origin);
    }
    return 0;
  }
}
