package xm.cli.domain;

/** {@code xm unpause <Domain> [--hold D]}. */
public final class UnpauseCommand extends HoldableCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    changeHeld("state", () -> host().unpause(args.get(0), origin));
    return 0;
  }
}
