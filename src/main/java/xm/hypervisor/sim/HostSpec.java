package xm.hypervisor.sim;

import java.util.ArrayList;
import java.util.List;
import xm.diag.Location;
import xm.diag.XmException;
import xm.sxp.Sxp;

/**
 * The fixed description of a simulated host, kept in {@code host.sxp}: its hardware, its Xen build,
 * Domain-0's share, the timing of asynchronous operations and the block devices it has.
 *
 * @param name the host name ({@code xm info}'s {@code host})
 * @param totalMemoryMiB physical memory
 * @param dom0MemoryMiB memory Domain-0 holds at boot
 * @param dom0MinMemMiB the least Domain-0 may be ballooned down to
 * @param nrCpus physical CPUs (cores x sockets x threads)
 * @param nrNodes NUMA nodes
 * @param cpuMhz CPU clock
 * @param clock how the host tells time
 * @param shutdownDelayMs how long a guest takes to shut down or reboot
 * @param opLatencyMs extra time each mutating operation takes (for apply benchmarks)
 * @param blockDevices the physical block devices {@code phy:} backends may name
 * @param scheduler Xen's CPU scheduler on this host: {@code credit} (the default) or {@code sedf}
 * @param pciDevices the PCI devices bound to pciback, which pci-attach may give to a guest (BDFs)
 * @param scsiDevices the SCSI LUNs scsi-attach may give to a guest, as {@code h:c:t:l=/dev/sdX}
 */
public record HostSpec(
    String name,
    long totalMemoryMiB,
    long dom0MemoryMiB,
    long dom0MinMemMiB,
    int nrCpus,
    int nrNodes,
    int cpuMhz,
    ClockMode clock,
    long shutdownDelayMs,
    long opLatencyMs,
    List<String> blockDevices,
    String scheduler,
    List<String> pciDevices,
    List<String> scsiDevices) {

  /** A host with no SCSI LUN to pass through. */
  public HostSpec(
      String name,
      long totalMemoryMiB,
      long dom0MemoryMiB,
      long dom0MinMemMiB,
      int nrCpus,
      int nrNodes,
      int cpuMhz,
      ClockMode clock,
      long shutdownDelayMs,
      long opLatencyMs,
      List<String> blockDevices,
      String scheduler,
      List<String> pciDevices) {
    this(
        name,
        totalMemoryMiB,
        dom0MemoryMiB,
        dom0MinMemMiB,
        nrCpus,
        nrNodes,
        cpuMhz,
        clock,
        shutdownDelayMs,
        opLatencyMs,
        blockDevices,
        scheduler,
        pciDevices,
        List.of());
  }

  /** This host with {@code luns} ({@code h:c:t:l=/dev/sdX}) to pass through. */
  public HostSpec withScsiDevices(List<String> luns) {
    return new HostSpec(
        name,
        totalMemoryMiB,
        dom0MemoryMiB,
        dom0MinMemMiB,
        nrCpus,
        nrNodes,
        cpuMhz,
        clock,
        shutdownDelayMs,
        opLatencyMs,
        blockDevices,
        scheduler,
        pciDevices,
        luns);
  }

  /** A host with no PCI device to pass through. */
  public HostSpec(
      String name,
      long totalMemoryMiB,
      long dom0MemoryMiB,
      long dom0MinMemMiB,
      int nrCpus,
      int nrNodes,
      int cpuMhz,
      ClockMode clock,
      long shutdownDelayMs,
      long opLatencyMs,
      List<String> blockDevices,
      String scheduler) {
    this(
        name,
        totalMemoryMiB,
        dom0MemoryMiB,
        dom0MinMemMiB,
        nrCpus,
        nrNodes,
        cpuMhz,
        clock,
        shutdownDelayMs,
        opLatencyMs,
        blockDevices,
        scheduler,
        List.of());
  }

  /** This host with {@code devices} (BDFs) bound to pciback. */
  public HostSpec withPciDevices(List<String> devices) {
    return new HostSpec(
        name,
        totalMemoryMiB,
        dom0MemoryMiB,
        dom0MinMemMiB,
        nrCpus,
        nrNodes,
        cpuMhz,
        clock,
        shutdownDelayMs,
        opLatencyMs,
        blockDevices,
        scheduler,
        devices,
        scsiDevices);
  }

  /** The schedulers a host may run. */
  public static final java.util.Set<String> SCHEDULERS = java.util.Set.of("credit", "sedf");

  /** A host with Xen's default scheduler, credit. */
  public HostSpec(
      String name,
      long totalMemoryMiB,
      long dom0MemoryMiB,
      long dom0MinMemMiB,
      int nrCpus,
      int nrNodes,
      int cpuMhz,
      ClockMode clock,
      long shutdownDelayMs,
      long opLatencyMs,
      List<String> blockDevices) {
    this(
        name,
        totalMemoryMiB,
        dom0MemoryMiB,
        dom0MinMemMiB,
        nrCpus,
        nrNodes,
        cpuMhz,
        clock,
        shutdownDelayMs,
        opLatencyMs,
        blockDevices,
        "credit");
  }

  /** This host under another name, all else kept. */
  public HostSpec withName(String newName) {
    return new HostSpec(
        newName,
        totalMemoryMiB,
        dom0MemoryMiB,
        dom0MinMemMiB,
        nrCpus,
        nrNodes,
        cpuMhz,
        clock,
        shutdownDelayMs,
        opLatencyMs,
        blockDevices,
        scheduler,
        pciDevices,
        scsiDevices);
  }

  /** This host with {@code name} as its scheduler. */
  public HostSpec withScheduler(String name) {
    return new HostSpec(
        this.name,
        totalMemoryMiB,
        dom0MemoryMiB,
        dom0MinMemMiB,
        nrCpus,
        nrNodes,
        cpuMhz,
        clock,
        shutdownDelayMs,
        opLatencyMs,
        blockDevices,
        name,
        pciDevices,
        scsiDevices);
  }

  public static final String XEN_MAJOR = "3";
  public static final String XEN_MINOR = "4";
  public static final String XEN_EXTRA = ".0";

  public HostSpec {
    blockDevices = List.copyOf(blockDevices);
    scheduler = scheduler == null ? "credit" : scheduler;
    List<String> pci = new ArrayList<>();
    for (String d : pciDevices == null ? List.<String>of() : pciDevices) {
      xm.hypervisor.PciDevice p = xm.hypervisor.PciDevice.parse(d, null);
      if (p == null) {
        throw XmException.badInput(
            "'" + d + "' is not a PCI address (DDDD:BB:SS.F, e.g. 0000:00:19.0)");
      }
      if (!pci.contains(p.bdf())) {
        pci.add(p.bdf());
      }
    }
    pciDevices = List.copyOf(pci);
    scsiDevices = List.copyOf(scsiDevices == null ? List.<String>of() : scsiDevices);
    for (String l : scsiDevices) {
      String[] kv = l.split("=", 2);
      if (kv.length != 2 || !xm.hypervisor.ScsiDevice.isHctl(kv[0]) || !kv[1].startsWith("/dev/")) {
        throw XmException.badInput(
            "'" + l + "' is not a SCSI LUN: give h:c:t:l=/dev/sdX, e.g. 0:0:0:0=/dev/sda");
      }
    }
    if (!SCHEDULERS.contains(scheduler)) {
      throw XmException.badInput("the scheduler must be credit or sedf, not '" + scheduler + "'");
    }
    if (totalMemoryMiB <= 0 || dom0MemoryMiB <= 0 || dom0MemoryMiB > totalMemoryMiB) {
      throw XmException.badInput(
          "host memory must be positive and Domain-0's share ("
              + dom0MemoryMiB
              + " MiB) must fit in total_memory ("
              + totalMemoryMiB
              + " MiB)");
    }
    if (nrCpus < 1 || nrCpus > 64 || nrNodes < 1 || nrNodes > nrCpus) {
      throw XmException.badInput("a host needs 1..64 CPUs and 1..nr_cpus NUMA nodes");
    }
  }

  /** A host as {@code xm} makes one on first use. */
  public static HostSpec defaults(String name) {
    List<String> devices = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      devices.add("/dev/ram" + i);
    }
    for (int i = 1; i <= 8; i++) {
      devices.add("/dev/hda" + i);
    }
    for (int i = 1; i <= 15; i++) {
      devices.add("/dev/sda" + i);
    }
    return new HostSpec(name, 8192, 1024, 196, 4, 1, 2400, ClockMode.WALL, 2000, 0, devices);
  }

  Sxp.SList toSxp() {
    List<Sxp> devs = new ArrayList<>();
    devs.add(Sxp.atom("block_devices"));
    for (String d : blockDevices) {
      devs.add(Sxp.atom(d));
    }
    return Sxp.list(
        Sxp.atom("host"),
        Sxp.node("name", name),
        Sxp.node("total_memory", totalMemoryMiB),
        Sxp.node("dom0_memory", dom0MemoryMiB),
        Sxp.node("dom0_min_mem", dom0MinMemMiB),
        Sxp.node("nr_cpus", nrCpus),
        Sxp.node("nr_nodes", nrNodes),
        Sxp.node("cpu_mhz", cpuMhz),
        Sxp.node("clock", clock.name().toLowerCase()),
        Sxp.node("shutdown_delay_ms", shutdownDelayMs),
        Sxp.node("op_latency_ms", opLatencyMs),
        Sxp.node("scheduler", scheduler),
        Sxp.list(devs),
        pciList(),
        scsiList());
  }

  private Sxp scsiList() {
    List<Sxp> items = new ArrayList<>();
    items.add(Sxp.atom("scsi_devices"));
    for (String d : scsiDevices) {
      items.add(Sxp.atom(d));
    }
    return Sxp.list(items);
  }

  private Sxp pciList() {
    List<Sxp> items = new ArrayList<>();
    items.add(Sxp.atom("pci_devices"));
    for (String d : pciDevices) {
      items.add(Sxp.atom(d));
    }
    return Sxp.list(items);
  }

  static HostSpec fromSxp(Sxp sxp, String source) {
    SxpReader r = SxpReader.of(sxp, "host", source);
    HostSpec d = defaults(r.string("name", "localhost"));
    List<String> devices = d.blockDevices;
    Sxp.SList devs = r.node().child("block_devices");
    if (devs != null) {
      devices = new ArrayList<>();
      for (Sxp s : devs.rest()) {
        if (!(s instanceof Sxp.Atom a) || !a.value().startsWith("/dev/")) {
          throw XmException.badInput(loc(s, source), "block_devices entries must be /dev/ paths");
        }
        devices.add(a.value());
      }
    }
    String clock = r.string("clock", "wall");
    ClockMode mode;
    if (clock.equals("wall")) {
      mode = ClockMode.WALL;
    } else if (clock.equals("manual")) {
      mode = ClockMode.MANUAL;
    } else {
      throw XmException.badInput(
          r.where("clock"), "clock must be 'wall' or 'manual', not '" + clock + "'");
    }
    return new HostSpec(
        d.name,
        r.longValue("total_memory", d.totalMemoryMiB, 1, 1L << 32),
        r.longValue("dom0_memory", d.dom0MemoryMiB, 1, 1L << 32),
        r.longValue("dom0_min_mem", d.dom0MinMemMiB, 0, 1L << 32),
        (int) r.longValue("nr_cpus", d.nrCpus, 1, 64),
        (int) r.longValue("nr_nodes", d.nrNodes, 1, 64),
        (int) r.longValue("cpu_mhz", d.cpuMhz, 1, 100_000),
        mode,
        r.longValue("shutdown_delay_ms", d.shutdownDelayMs, 0, 3_600_000),
        r.longValue("op_latency_ms", d.opLatencyMs, 0, 60_000),
        devices,
        schedulerOf(r),
        pciOf(r.node().child("pci_devices"), source),
        scsiOf(r.node().child("scsi_devices"), source));
  }

  private static List<String> scsiOf(Sxp.SList list, String source) {
    List<String> out = new ArrayList<>();
    if (list != null) {
      for (Sxp s : list.rest()) {
        if (!(s instanceof Sxp.Atom a)
            || !a.value().matches("[0-9]{1,4}(:[0-9]{1,4}){3}=/dev/\\S+")) {
          throw XmException.badInput(loc(s, source), "scsi_devices entries are h:c:t:l=/dev/sdX");
        }
        out.add(a.value());
      }
    }
    return out;
  }

  private static List<String> pciOf(Sxp.SList list, String source) {
    List<String> out = new ArrayList<>();
    if (list != null) {
      for (Sxp s : list.rest()) {
        if (!(s instanceof Sxp.Atom a) || xm.hypervisor.PciDevice.parse(a.value(), null) == null) {
          throw XmException.badInput(
              loc(s, source), "pci_devices entries must be PCI addresses (0000:00:19.0)");
        }
        out.add(a.value());
      }
    }
    return out;
  }

  private static String schedulerOf(SxpReader r) {
    String s = r.string("scheduler", "credit");
    if (!SCHEDULERS.contains(s)) {
      throw XmException.badInput(
          r.where("scheduler"), "scheduler must be credit or sedf, not '" + s + "'");
    }
    return s;
  }

  private static Location loc(Sxp s, String source) {
    return s.location() != null ? s.location() : new Location(source, 1, 1);
  }
}
