package xm.cli.device;

import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.hypervisor.PciDevice;

/** {@code xm pci-detach <Domain> <domain:bus:slot.func>}: takes a passed-through device back. */
public final class PciDetachCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(2);
    PciDevice d = PciDevice.parse(args.get(1), null);
    if (d == null) {
      throw new UsageException("Invalid argument: " + args.get(1));
    }
    host().pciDetach(args.get(0), d, origin);
    return 0;
  }
}
