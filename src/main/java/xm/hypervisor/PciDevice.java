package xm.hypervisor;

import java.util.Locale;
import xm.diag.XmException;

/**
 * A PCI device passed through to a guest: its host address {@code DDDD:BB:SS.F} (hex; the domain
 * defaults to 0000) and the virtual slot it has in the guest (hex, or null when the host chose).
 */
public record PciDevice(int domain, int bus, int slot, int func, Integer vslot) {
  public PciDevice {
    if (domain < 0
        || domain > 0xffff
        || bus < 0
        || bus > 0xff
        || slot < 0
        || slot > 0x1f
        || func < 0
        || func > 7) {
      throw XmException.badInput(
          "Invalid PCI address " + domain + ":" + bus + ":" + slot + "." + func);
    }
    if (vslot != null && (vslot < 0 || vslot > 0x1f)) {
      throw XmException.badInput("Invalid virtual slot " + vslot);
    }
  }

  /** {@code [DDDD:]BB:SS.F} in hex, as xm takes it; null when it is not one. */
  public static PciDevice parse(String bdf, Integer vslot) {
    String b = bdf.trim().toLowerCase(Locale.ROOT);
    if (!b.matches("([0-9a-f]{1,4}:)?[0-9a-f]{1,2}:[0-9a-f]{1,2}\\.[0-7]")) {
      return null;
    }
    String[] parts = b.split(":");
    int domain = parts.length == 3 ? Integer.parseInt(parts[0], 16) : 0;
    String bus = parts[parts.length - 2];
    String[] sf = parts[parts.length - 1].split("\\.");
    int slot = Integer.parseInt(sf[0], 16);
    if (slot > 0x1f) {
      return null;
    }
    return new PciDevice(
        domain, Integer.parseInt(bus, 16), slot, Integer.parseInt(sf[1], 16), vslot);
  }

  /**
   * Why {@code item}, an entry of a config's or spec's {@code pci} list ({@code
   * DDDD:BB:SS.F[@VSLOT][,option=value...]}), is not one; null when it is.
   */
  public static String specProblem(String item) {
    String[] at = item.split(",", 2)[0].trim().split("@", 2);
    if (at.length == 2 && slot(at[1]) == null) {
      return "pci: invalid virtual slot in '" + item + "' (hex, up to 1f)";
    }
    if (parse(at[0], null) == null) {
      return "pci: '" + item + "' is not a PCI device (DDDD:BB:SS.F[@VSLOT], e.g. 0000:00:19.0)";
    }
    String[] parts = item.split(",");
    for (int i = 1; i < parts.length; i++) { // the options xm 3.4's pci-attach -o takes
      if (!parts[i].trim().matches("(msitranslate|power_mgmt)=[01]")) {
        return "pci: invalid option '"
            + parts[i].trim()
            + "' in '"
            + item
            + "' (msitranslate=0|1, power_mgmt=0|1)";
      }
    }
    return null;
  }

  /**
   * The device entry {@code item} of a {@code pci} list names, with its virtual slot when it gives
   * one (options after a comma are not part of it); null when {@link #specProblem} has a problem
   * with it.
   */
  public static PciDevice parseEntry(String item) {
    if (specProblem(item) != null) {
      return null;
    }
    String[] at = item.split(",", 2)[0].trim().split("@", 2);
    return parse(at[0], at.length == 2 ? slot(at[1]) : null);
  }

  /** A virtual slot in hex ({@code 5}, {@code 0x1f}), or null when it is not one (0 to 1f). */
  private static Integer slot(String text) {
    String sl = text.trim().toLowerCase(Locale.ROOT).replaceFirst("^0x", "");
    return sl.matches("[0-9a-f]{1,2}") && Integer.parseInt(sl, 16) <= 0x1f
        ? Integer.parseInt(sl, 16)
        : null;
  }

  /** {@code 0000:00:19.0}. */
  public String bdf() {
    return String.format("%04x:%02x:%02x.%x", domain, bus, slot, func);
  }

  public PciDevice withVslot(Integer s) {
    return new PciDevice(domain, bus, slot, func, s);
  }
}
