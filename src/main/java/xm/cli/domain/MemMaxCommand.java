package xm.cli.domain;

import picocli.CommandLine.Command;
import xm.cli.XmCommand;

/** {@code xm mem-max <Domain> <Mem>}: sets the ceiling mem-set may balloon to. */
@Command(name = "mem-max")
public final class MemMaxCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(2);
    long mib = mebibytes(args.get(1));
    host().setMaxMemory(args.get(0), mib, origin);
    return 0;
  }
}
