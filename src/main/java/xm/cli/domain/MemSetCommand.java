package xm.cli.domain;

import xm.cli.XmCommand;

/** {@code xm mem-set <Domain> <Mem>}: balloons the domain to Mem MiB (units k, m, g accepted). */
public final class MemSetCommand extends XmCommand {
  @Override
  protected java.util.List<xm.cli.Opt> options() {
    return java.util.List.of(Holds.HOLD);
  }

  @Override
  public Integer call() {
    requireArgs(2);
    long mib = mebibytes(args.get(1));
    java.time.Duration hold = has(Holds.HOLD) ? Holds.parse(value(Holds.HOLD, null)) : null;
    host().setMemory(args.get(0), mib, origin);
    if (hold != null) {
      Holds.record(host(), args.get(0), "memory", hold, origin);
    }
    return 0;
  }
}
