package xm.cli.domain;

/**
 * {@code xm mem-set <Domain> <Mem> [--hold D]}: balloons the domain to Mem MiB (units k, m, g
 * accepted).
 */
public final class MemSetCommand extends HoldableCommand {
  @Override
  public Integer call() {
    requireArgs(2);
    long mib = mebibytes(args.get(1));
    changeHeld("memory", () -> host().setMemory(args.get(0), mib, origin));
    return 0;
  }
}
