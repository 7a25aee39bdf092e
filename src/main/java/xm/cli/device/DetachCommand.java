package xm.cli.device;

import java.util.List;
import xm.cli.Opt;
import xm.cli.XmCommand;

/** What block-detach and network-detach share: {@code <Domain> <DevId> [-f|--force]}. */
abstract class DetachCommand extends XmCommand {
  static final Opt FORCE = Opt.flag("-f", "--force", "Detach even if the guest does not respond");

  @Override
  protected List<Opt> options() {
    return List.of(FORCE);
  }

  abstract void detach(String domain, String device, boolean force);

  @Override
  public Integer call() {
    requireArgs(2);
    detach(args.get(0), args.get(1), has(FORCE));
    return 0;
  }
}
