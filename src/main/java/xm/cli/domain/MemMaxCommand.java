package xm.cli.domain;

/** {@code xm mem-max <Domain> <Mem> [--hold D]}: sets the ceiling mem-set may balloon to. */
public final class MemMaxCommand extends HoldableCommand {
  @Override
  public Integer call() {
    requireArgs(2);
    long mib = mebibytes(args.get(1));
    changeHeld("maxmem", () -> host().setMaxMemory(args.get(0), mib, origin));
    return 0;
  }
}
