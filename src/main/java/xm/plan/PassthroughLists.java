package xm.plan;

import java.util.ArrayList;
import java.util.List;
import xm.hypervisor.PciDevice;
import xm.hypervisor.ScsiDevice;

/**
 * A domain's {@code pci} and {@code vscsi} lists (the config's, as Python list literals) in the
 * form the planner compares: sorted, one entry per device, options left out (the host keeps none of
 * them), the host's choices (a virtual slot, a LUN named by its address) not counted as differences
 * when the spec leaves them to it. Pure.
 */
final class PassthroughLists {

  private PassthroughLists() {}

  private static List<String> items(String literal) {
    return xm.hypervisor.ConfigLists.items(literal);
  }

  /**
   * {@code 0000:00:19.0@5} (the slot only when given), options dropped; as written when unreadable.
   */
  private static String pciKey(String item) {
    PciDevice p = PciDevice.parseEntry(item);
    if (p == null) {
      return item.split(",", 2)[0].trim();
    }
    return p.vslot() == null ? p.bdf() : p.bdf() + "@" + Integer.toHexString(p.vslot());
  }

  static String pci(String literal) {
    List<String> out = new ArrayList<>();
    for (String i : items(literal)) {
      out.add(pciKey(i));
    }
    out.sort(null);
    return out.toString();
  }

  /**
   * The host's list as compared with the spec's {@code want}: a slot the spec does not give is not
   * compared.
   */
  static String observedPci(String have, String want) {
    List<String> declared = new ArrayList<>();
    for (String i : items(want)) {
      declared.add(pciKey(i));
    }
    List<String> out = new ArrayList<>();
    for (String i : items(have)) {
      String k = pciKey(i);
      String bdf = k.split("@", 2)[0];
      out.add(declared.contains(bdf) ? bdf : k);
    }
    out.sort(null);
    return out.toString();
  }

  /** {@code /dev/sdb, 0:0:0:1} (a host address kept as written; the backend only when not 0). */
  private static String vscsiKey(String item) {
    ScsiDevice.Wanted w = ScsiDevice.parseWanted(item);
    if (w == null) {
      return item.trim();
    }
    String phys =
        ScsiDevice.isHctl(w.phys()) || w.phys().startsWith("/dev/") ? w.phys() : "/dev/" + w.phys();
    return phys + ", " + w.virt() + (w.backend() == 0 ? "" : ", " + w.backend());
  }

  static String vscsi(String literal) {
    List<String> out = new ArrayList<>();
    for (String i : items(literal)) {
      out.add(vscsiKey(i));
    }
    out.sort(null);
    return out.toString();
  }

  /**
   * The host's list as compared with the spec's {@code want}: where the spec names the host's LUN
   * by its address, the host's entry at the same guest address counts as that one.
   */
  static String observedVscsi(String have, String want) {
    java.util.Map<String, String> byVirt = new java.util.HashMap<>();
    for (String i : items(want)) {
      ScsiDevice.Wanted w = ScsiDevice.parseWanted(i);
      if (w != null && ScsiDevice.isHctl(w.phys())) {
        byVirt.put(w.virt(), vscsiKey(i));
      }
    }
    List<String> out = new ArrayList<>();
    for (String i : items(have)) {
      ScsiDevice.Wanted w = ScsiDevice.parseWanted(i);
      out.add(w != null && byVirt.containsKey(w.virt()) ? byVirt.get(w.virt()) : vscsiKey(i));
    }
    out.sort(null);
    return out.toString();
  }
}
