package xm.hypervisor.sim;

import java.util.HashSet;
import java.util.Set;

/**
 * Who holds a host's passed-through devices: a PCI device or a SCSI LUN belongs to at most one
 * running domain (a domain that ended holds none). The one place attach, create and restore ask.
 */
final class Passthrough {
  private Passthrough() {}

  /** The running domain that holds PCI device {@code bdf}, or null. */
  static SimDomain pciHolder(SimState s, String bdf) {
    for (SimDomain d : s.domains) {
      if (d.isLive() && d.pci.stream().anyMatch(p -> p.bdf().equals(bdf))) {
        return d;
      }
    }
    return null;
  }

  /** The running domain that holds SCSI LUN {@code hctl} (the host's address), or null. */
  static SimDomain scsiHolder(SimState s, String hctl) {
    for (SimDomain d : s.domains) {
      if (d.isLive() && d.vscsi.stream().anyMatch(v -> v.physHctl().equals(hctl))) {
        return d;
      }
    }
    return null;
  }

  /**
   * Writes the devices {@code d} holds into its config's {@code pci} and {@code vscsi} lists, as
   * xend kept a domain's config up to date with hot-plugged devices: what the host lists, exports
   * and compares with a spec is what the domain has now ({@code 0000:00:19.0@5}, {@code /dev/sdb,
   * 0:0:0:1}), and a restart brings the same devices back.
   */
  static void record(SimDomain d) {
    java.util.Map<String, String> extras = new java.util.LinkedHashMap<>(d.config.extras());
    java.util.List<String> pci = new java.util.ArrayList<>();
    for (xm.hypervisor.PciDevice p : d.pci) {
      pci.add(p.bdf() + (p.vslot() == null ? "" : "@" + Integer.toHexString(p.vslot())));
    }
    java.util.List<String> vscsi = new java.util.ArrayList<>();
    for (xm.hypervisor.ScsiDevice v : d.vscsi) {
      vscsi.add(v.physDev() + ", " + v.virtHctl() + (v.backend() == 0 ? "" : ", " + v.backend()));
    }
    put(extras, "pci", xm.hypervisor.ConfigLists.literal(pci));
    put(extras, "vscsi", xm.hypervisor.ConfigLists.literal(vscsi));
    if (!extras.equals(d.config.extras())) {
      d.setConfig(d.config.withExtras(extras));
    }
  }

  private static void put(java.util.Map<String, String> extras, String key, String literal) {
    if (literal == null) {
      extras.remove(key);
    } else {
      extras.put(key, literal);
    }
  }

  /**
   * The host's LUN {@code phys} names (its {@code h:c:t:l}, its device node, or the node's name
   * without {@code /dev/}) as {@code {hctl, device}}; null when the host has none such.
   */
  static String[] lun(HostSpec spec, String phys) {
    String[] found = null;
    for (String l : spec.scsiDevices()) {
      String[] kv = l.split("=", 2);
      if (kv[0].equals(phys) || kv[1].equals(phys) || kv[1].equals("/dev/" + phys)) {
        found = kv;
      }
    }
    return found;
  }

  /** Every PCI device a running domain holds. */
  static Set<String> heldPci(SimState s) {
    Set<String> held = new HashSet<>();
    for (SimDomain d : s.domains) {
      if (d.isLive()) {
        d.pci.forEach(p -> held.add(p.bdf()));
      }
    }
    return held;
  }
}
