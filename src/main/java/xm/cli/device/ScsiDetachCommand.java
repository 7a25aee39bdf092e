package xm.cli.device;

import xm.cli.XmCommand;

/**
 * {@code xm scsi-detach <Domain> <VirtDevice>}: takes back the LUN the guest sees as {@code
 * h:c:t:l}.
 */
public final class ScsiDetachCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(2);
    host().scsiDetach(args.get(0), args.get(1), origin);
    return 0;
  }
}
