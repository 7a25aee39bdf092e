package xm.cli.device;

import xm.cli.UsageException;
import xm.cli.XmCommand;

/**
 * {@code xm scsi-attach <Domain> <PhysDevice> <VirtDevice> [BackDomain]}: gives the guest a host
 * SCSI LUN ({@code h:c:t:l} or its device node, e.g. sdb) as {@code h:c:t:l}; one domain at a time.
 */
public final class ScsiAttachCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(3, 4);
    int backend = 0;
    if (args.size() == 4) {
      if (!args.get(3).matches("[0-9]{1,9}")) {
        throw new UsageException("Invalid argument: " + args.get(3));
      }
      backend = Integer.parseInt(args.get(3));
    }
    host().scsiAttach(args.get(0), args.get(1), args.get(2), backend, origin);
    return 0;
  }
}
