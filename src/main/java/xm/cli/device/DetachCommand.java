package xm.cli.device;

import java.util.List;
import xm.cli.Opt;
import xm.cli.domain.HoldableCommand;
import xm.cli.domain.Holds;

/** What block-detach and network-detach share: {@code <Domain> <DevId> [-f|--force] [--hold D]}. */
abstract class DetachCommand extends HoldableCommand {
  static final Opt FORCE = Opt.flag("-f", "--force", "Detach even if the guest does not respond");

  @Override
  protected List<Opt> options() {
    return List.of(FORCE, Holds.HOLD);
  }

  abstract void detach(String domain, String device, boolean force);

  /** The spec field a detach changes: disks or vifs. */
  abstract String field();

  @Override
  public Integer call() {
    requireArgs(2);
    changeHeld(field(), () -> detach(args.get(0), args.get(1), has(FORCE)));
    return 0;
  }
}
