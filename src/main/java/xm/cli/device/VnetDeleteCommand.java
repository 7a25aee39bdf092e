package xm.cli.device;

import xm.cli.XmCommand;

/** {@code xm vnet-delete <VnetId>}: removes a vnet. */
public final class VnetDeleteCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    host().vnetDelete(args.get(0), origin);
    return 0;
  }
}
