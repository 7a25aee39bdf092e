package xm.cli.device;

import java.util.List;
import xm.cli.Opt;
import xm.cli.XmCommand;

/** {@code xm block-detach <Domain> <DevId> [-f]}: unplugs a disk named by number (51713) or name (xvda1). */
public final class BlockDetachCommand extends XmCommand {
  static final Opt FORCE = Opt.flag("-f", "--force", "Detach even if the guest does not respond");

  @Override
  protected List<Opt> options() {
    return List.of(FORCE);
  }

  @Override
  public Integer call() {
    requireArgs(2);
    host().detachBlock(args.get(0), args.get(1), has(FORCE), origin);
    return 0;
  }
}
