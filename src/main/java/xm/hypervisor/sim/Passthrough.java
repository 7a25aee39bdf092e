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
