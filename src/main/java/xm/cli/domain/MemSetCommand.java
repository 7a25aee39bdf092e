package xm.cli.domain;

import xm.cli.XmCommand;

/** {@code xm mem-set <Domain> <Mem>}: balloons the domain to Mem MiB (units k, m, g accepted). */
public final class MemSetCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(2);
    long mib = mebibytes(args.get(1));
    host().setMemory(args.get(0), mib, origin);
    return 0;
  }
}
