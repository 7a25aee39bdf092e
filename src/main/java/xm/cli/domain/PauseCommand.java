package xm.cli.domain;

/** {@code xm pause <Domain> [--hold D]}. */
public final class PauseCommand extends HoldableCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    changeHeld("state", () -> host().pause(args.get(0), origin));
    return 0;
  }
}
