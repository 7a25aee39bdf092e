package xm.cli.device;

import java.util.List;
import xm.cli.XmCommand;
import xm.hypervisor.PciDevice;

/**
 * {@code xm pci-list <Domain>}: the domain's passed-through devices as xm 3.4 printed them (nothing
 * when there are none; the VSlt column when the first device has a slot).
 */
public final class PciListCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    List<PciDevice> devs = host().pciDevices(args.get(0));
    if (devs.isEmpty()) {
      return 0;
    }
    boolean slots = devs.get(0).vslot() != null;
    out().println(slots ? "VSlt domain   bus   slot   func" : "domain   bus   slot   func");
    for (PciDevice d : devs) {
      String row =
          String.format(
              "%-3s  %-3s   %-3s    %-3s    ",
              "0x" + Integer.toHexString(d.domain()),
              "0x" + Integer.toHexString(d.bus()),
              "0x" + Integer.toHexString(d.slot()),
              "0x" + Integer.toHexString(d.func()));
      out()
          .println(
              slots
                  ? String.format(
                          "%-3s    ", "0x" + Integer.toHexString(d.vslot() == null ? 0 : d.vslot()))
                      + row
                  : row);
    }
    return 0;
  }
}
