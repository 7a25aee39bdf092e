package xm.hypervisor.sim;

import java.util.List;
import java.util.Set;
import xm.diag.XmException;
import xm.hypervisor.CpuSets;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainLimits;
import xm.hypervisor.VifSpec;

/** The checks a host makes before it builds (or restores, or receives) a domain. */
final class Admission {
  private Admission() {}

  /**
   * Checks that {@code config} may start on the host now and returns the domain to add (the saved
   * one when restoring), with its uuid and affinity set; the caller assigns its id.
   */
  static SimDomain admit(Tx t, DomainConfig config, SimDomain saved, AccessControl access) {
    SimDomain other = t.state.byName(config.name());
    if (other != null && !other.isActive()) {
      throw XmException.error(
          "VM name '"
              + config.name()
              + "' already exists: it is defined and "
              + other.inactive
              + " (xm "
              + ("halted".equals(other.inactive) ? "start" : "resume")
              + " "
              + config.name()
              + " runs it)");
    }
    if (other != null) {
      throw XmException.error(
          "Domain '" + config.name() + "' already exists with ID '" + other.id + "'");
    }
    String uuid = saved != null ? saved.uuid : config.uuid();
    requireBuildable(t, config, uuid);
    Set<Integer> cpus = null;
    if (config.cpus() != null && !config.cpus().isBlank()) {
      cpus = Views.allCpus(t.spec.nrCpus());
      cpus.retainAll(CpuSets.parse(config.cpus()));
      if (cpus.isEmpty()) {
        throw XmException.error(
            "cpus = \""
                + config.cpus()
                + "\" names no CPU of this host (it has CPUs 0-"
                + (t.spec.nrCpus() - 1)
                + ")");
      }
    }
    requireFree(t, config.memoryMiB());
    access.requireMayRun(t.state, null, config);
    if (saved != null) { // a restored domain brings its passthrough devices back
      for (xm.hypervisor.PciDevice p : saved.pci) {
        if (!t.spec.pciDevices().contains(p.bdf())) {
          throw XmException.error(
              "pci: " + p.bdf() + " is not assignable on this host; the saved domain had it");
        }
        SimDomain holder = Passthrough.pciHolder(t.state, p.bdf());
        if (holder != null) {
          throw XmException.error(
              "pci: "
                  + p.bdf()
                  + " is assigned to domain "
                  + holder.config.name()
                  + "; the saved domain cannot have it back");
        }
      }
      for (xm.hypervisor.ScsiDevice v : saved.vscsi) {
        SimDomain holder = Passthrough.scsiHolder(t.state, v.physHctl());
        if (holder != null) {
          throw XmException.error(
              "scsi: "
                  + v.physHctl()
                  + " is assigned to domain "
                  + holder.config.name()
                  + "; the saved domain cannot have it back");
        }
      }
    }
    SimDomain d = saved != null ? saved : new SimDomain();
    if (uuid == null) {
      uuid = SimHost.newUuid(t.spec.name(), config.name(), t.state.nextDomid, t.now);
    }
    d.setUuid(uuid);
    Devices.checkDisks(t, config.disks(), d);
    List<VifSpec> vifs = Devices.assignVifs(t, d, config.vifs(), saved != null);
    d.setConfig(config.withUuid(uuid).withDevices(config.disks(), vifs));
    if (saved != null) {
      keepHostCpus(d, t.spec.nrCpus());
    } else {
      d.setPci(initialPci(t, config));
      d.setVscsi(initialVscsi(t, config));
      Passthrough.record(d);
      d.setSched(initialSched(config));
      d.setOnlineVcpus(config.vcpus());
      if (cpus != null) {
        for (int v = 0; v < config.maxVcpus(); v++) {
          d.pin(v, cpus.size() == t.spec.nrCpus() ? null : cpus);
        }
      }
    }
    d.setMigration(null);
    d.setPending(null);
    d.setEndState(null);
    return d;
  }

  /**
   * The checks any domain made on the host passes, running or only defined: its uuid (when it has
   * one) is no other domain's, its VCPUs and every value within the host's limits.
   */
  static void requireBuildable(Tx t, DomainConfig config, String uuid) {
    SimDomain same = uuid == null ? null : t.state.byUuid(uuid);
    if (same != null) {
      throw XmException.error(
          "Domain with uuid " + uuid + " already exists (as '" + same.config.name() + "')");
    }
    int maxVcpus = SimCapabilities.LIMITS.maxVcpus();
    if (config.maxVcpus() > maxVcpus) {
      throw XmException.error(
          "Invalid number of VCPUs "
              + config.maxVcpus()
              + ": a guest may have at most "
              + maxVcpus);
    }
    requireWithinLimits(config, SimCapabilities.LIMITS);
  }

  /**
   * The PCI devices a config's {@code pci} list asks for ({@code ['0000:00:19.0', '01:00.0@7']}: a
   * BDF, optionally {@code @VSLOT} and {@code ,option=value}s): each must be bound to pciback on
   * this host and held by no other running domain, or the create is refused naming it.
   */
  static java.util.List<xm.hypervisor.PciDevice> initialPci(
      Tx t, xm.hypervisor.DomainConfig config) {
    String v = config.extras().get("pci");
    if (v == null || v.isBlank()) {
      return java.util.List.of();
    }
    java.util.List<xm.hypervisor.PciDevice> out = new java.util.ArrayList<>();
    java.util.Set<Integer> slots = new java.util.HashSet<>();
    for (String item : xm.hypervisor.ConfigLists.items(v)) {
      String problem = xm.hypervisor.PciDevice.specProblem(item); // as specs check it: options too
      if (problem != null) {
        throw XmException.badInput(problem);
      }
      xm.hypervisor.PciDevice p = xm.hypervisor.PciDevice.parseEntry(item);
      Integer vslot = p.vslot();
      if (!t.spec.pciDevices().contains(p.bdf())) {
        throw XmException.error(
            "pci: " + p.bdf() + " is not assignable: it is not bound to pciback on this host");
      }
      SimDomain holder = Passthrough.pciHolder(t.state, p.bdf());
      if (holder != null) {
        throw XmException.error(
            "pci: " + p.bdf() + " is already assigned to domain " + holder.config.name());
      }
      if (out.stream().anyMatch(q -> q.bdf().equals(p.bdf()))) {
        throw XmException.badInput("pci: " + p.bdf() + " is listed twice");
      }
      int slot = vslot != null ? vslot : 4;
      while (slots.contains(slot) && vslot == null) {
        slot++;
      }
      if (!slots.add(slot)) {
        throw XmException.badInput(
            "pci: virtual slot " + Integer.toHexString(slot) + " is given twice");
      }
      out.add(p.withVslot(slot));
    }
    return out;
  }

  /**
   * The SCSI LUNs a config's {@code vscsi} list asks for ({@code ['/dev/sdb, 0:0:0:0']}: the host's
   * device or h:c:t:l, the guest's h:c:t:l, optionally the backend): each must be one of this
   * host's LUNs and held by no other running domain, or the create is refused naming it.
   */
  static java.util.List<xm.hypervisor.ScsiDevice> initialVscsi(
      Tx t, xm.hypervisor.DomainConfig config) {
    String v = config.extras().get("vscsi");
    if (v == null || v.isBlank()) {
      return java.util.List.of();
    }
    java.util.List<xm.hypervisor.ScsiDevice> out = new java.util.ArrayList<>();
    for (String item : xm.hypervisor.ConfigLists.items(v)) {
      xm.hypervisor.ScsiDevice.Wanted w = xm.hypervisor.ScsiDevice.parseWanted(item);
      if (w == null) {
        throw XmException.badInput(xm.hypervisor.ScsiDevice.specProblem(item));
      }
      String[] kv = Passthrough.lun(t.spec, w.phys());
      if (kv == null) {
        throw XmException.error(
            "vscsi: Cannot find device '" + w.phys() + "' on this host (see its host.sxp)");
      }
      SimDomain holder = Passthrough.scsiHolder(t.state, kv[0]);
      if (holder != null) {
        throw XmException.error(
            "vscsi: "
                + kv[0]
                + " ("
                + kv[1]
                + ") is already assigned to domain "
                + holder.config.name());
      }
      for (xm.hypervisor.ScsiDevice d : out) {
        if (d.physHctl().equals(kv[0]) || d.virtHctl().equals(w.virt())) {
          throw XmException.badInput("vscsi: '" + item + "' repeats a device of the list");
        }
      }
      out.add(new xm.hypervisor.ScsiDevice(kv[0], kv[1], w.virt(), w.backend()));
    }
    return out;
  }

  /**
   * The credit parameters a config asks for ({@code cpu_weight}, {@code cpu_cap}), checked as
   * sched-credit checks them.
   */
  static xm.hypervisor.Sched initialSched(xm.hypervisor.DomainConfig config) {
    xm.hypervisor.Sched s = xm.hypervisor.Sched.defaults(false);
    int weight =
        schedValue(
            config,
            "cpu_weight",
            s.weight(),
            xm.hypervisor.Sched.MIN_WEIGHT,
            xm.hypervisor.Sched.MAX_WEIGHT);
    int cap =
        schedValue(config, "cpu_cap", s.cap(), 0, xm.hypervisor.Sched.maxCap(config.maxVcpus()));
    return s.withCredit(weight, cap);
  }

  private static int schedValue(
      xm.hypervisor.DomainConfig config, String key, int dflt, int min, int max) {
    String v = config.extras().get(key);
    if (v == null) {
      return dflt;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (d == Math.rint(d) && d >= min && d <= max) {
        return (int) d;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw XmException.badInput(
        key + " must be a whole number from " + min + " to " + max + ", not '" + v + "'");
  }

  /**
   * Fails unless {@code config} is within {@code limits}: the one check every path that writes a
   * domain makes, so that the state reader (which makes it too) never meets a domain it refuses.
   */
  static void requireWithinLimits(DomainConfig config, DomainLimits limits) {
    DomainLimits.Violation v = limits.violation(config);
    if (v != null) {
      throw XmException.error(v.message());
    }
  }

  /**
   * Forgets pins to CPUs this host does not have (a domain saved on, or migrated from, a bigger
   * host): a VCPU left with none may run anywhere.
   */
  private static void keepHostCpus(SimDomain d, int nrCpus) {
    for (int v = 0; v < d.affinity.size(); v++) {
      Set<Integer> cpus = d.affinity.get(v);
      if (cpus != null) {
        cpus.removeIf(c -> c >= nrCpus);
        if (cpus.isEmpty() || cpus.size() == nrCpus) {
          d.affinity.set(v, null);
        }
      }
    }
  }

  /** Fails unless {@code mib} MiB are free on the host. */
  static void requireFree(Tx t, long mib) {
    long free = t.freeMiB();
    if (mib > free) {
      throw XmException.error(
          "Not enough free memory on host '"
              + t.spec.name()
              + "': need "
              + mib
              + " MiB, "
              + free
              + " MiB free of "
              + t.spec.totalMemoryMiB()
              + " MiB; free some with 'xm mem-set' or 'xm destroy', or ask for less");
    }
  }
}
