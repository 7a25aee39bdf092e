package xm.cli.device;

import xm.cli.XmCommand;
import xm.hypervisor.PciDevice;

/**
 * {@code xm pci-list-assignable-devices}: one {@code DDDD:BB:SS.F} per line, for the free devices
 * bound to pciback.
 */
public final class PciListAssignableCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(0);
    for (PciDevice d : host().pciAssignable()) {
      out().println(d.bdf());
    }
    return 0;
  }
}
