package xm.cli.domain;

import xm.cli.XmCommand;

/** {@code xm mem-max <Domain> <Mem>}: sets the ceiling mem-set may balloon to. */
public final class MemMaxCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(2);
    long mib = mebibytes(args.get(1));
    host().setMaxMemory(args.get(0), mib, origin);
    return 0;
  }
}
