package xm.cli.device;

import java.util.List;
import xm.cli.Opt;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.hypervisor.PciDevice;

/**
 * {@code xm pci-attach [-o|--options=OPT] <Domain> <domain:bus:slot.func> [virtual slot]}: gives
 * the guest a PCI device the host has bound to pciback (one domain at a time); the virtual slot is
 * hex, the first free one by default.
 */
public final class PciAttachCommand extends XmCommand {
  static final Opt OPTIONS =
      Opt.value("-o", "--options", "<opt>", "PCI options: msitranslate=0|1, power_mgmt=0|1");

  @Override
  protected List<Opt> options() {
    return List.of(OPTIONS);
  }

  @Override
  public Integer call() {
    requireArgs(2, 3);
    if (has(OPTIONS)) {
      for (String o : value(OPTIONS, "").split(",")) {
        if (!o.trim().matches("(msitranslate|power_mgmt)=[01]")) {
          throw new UsageException("Invalid pci attach option: " + o.trim());
        }
      }
    }
    Integer vslot = null;
    if (args.size() == 3) {
      String s = args.get(2).toLowerCase(java.util.Locale.ROOT).replaceFirst("^0x", "");
      if (!s.matches("[0-9a-f]{1,2}") || Integer.parseInt(s, 16) > 0x1f) {
        throw new UsageException("Invalid argument: " + args.get(1) + " " + args.get(2));
      }
      vslot = Integer.parseInt(s, 16);
    }
    PciDevice d = PciDevice.parse(args.get(1), vslot);
    if (d == null) {
      throw new UsageException(
          "Invalid argument: " + args.get(1) + (args.size() == 3 ? " " + args.get(2) : ""));
    }
    host().pciAttach(args.get(0), d, origin);
    return 0;
  }
}
