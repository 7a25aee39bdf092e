package xm.cli.device;

import java.util.List;
import xm.cli.Opt;
import xm.cli.XmCommand;

/** {@code xm network-detach <Domain> <DevId> [-f]}: unplugs the interface with that index. */
public final class NetworkDetachCommand extends XmCommand {
  static final Opt FORCE = Opt.flag("-f", "--force", "Detach even if the guest does not respond");

  @Override
  protected List<Opt> options() {
    return List.of(FORCE);
  }

  @Override
  public Integer call() {
    requireArgs(2);
    host().detachNetwork(args.get(0), args.get(1), has(FORCE), origin);
    return 0;
  }
}
