package xm.cli.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import xm.cli.Opt;
import xm.cli.Text;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.hypervisor.HostInfo;
import xm.hypervisor.sim.ClockMode;
import xm.hypervisor.sim.HostSpec;
import xm.hypervisor.sim.SimHost;
import xm.hypervisor.sim.SimHosts;

/**
 * {@code xm host init [NAME] [options]}, {@code xm host list}, {@code xm host advance DURATION},
 * {@code xm host reboot [--force]}: make simulated hosts, see them, move a manual clock forward,
 * and reboot one (it comes up with the policy its boot menu loads).
 */
public final class HostCommand extends XmCommand {
  static final Opt MEMORY =
      Opt.value(null, "--memory", "<MiB>", "init: total memory (default 8192)");
  static final Opt DOM0_MEMORY =
      Opt.value(null, "--dom0-memory", "<MiB>", "init: Domain-0's memory (default 1024)");
  static final Opt CPUS = Opt.value(null, "--cpus", "<n>", "init: physical CPUs (default 4)");
  static final Opt NODES = Opt.value(null, "--nodes", "<n>", "init: NUMA nodes (default 1)");
  static final Opt CLOCK =
      Opt.value(
          null,
          "--clock",
          "<wall|manual>",
          "init: wall (default) or manual (moves only with 'xm host advance')");
  static final Opt SHUTDOWN_DELAY =
      Opt.value(
          null,
          "--shutdown-delay",
          "<ms>",
          "init: how long a guest takes to shut down (default 2000)");
  static final Opt OP_LATENCY =
      Opt.value(null, "--op-latency", "<ms>", "init: extra time every operation takes (default 0)");
  static final Opt SCHEDULER =
      Opt.value(null, "--scheduler", "<credit|sedf>", "init: Xen's CPU scheduler (default credit)");
  static final Opt PCI =
      Opt.value(
          null, "--pci-devices", "<bdf,...>", "init: PCI devices bound to pciback, for pci-attach");
  static final Opt SCSI =
      Opt.value(
          null, "--scsi-devices", "<h:c:t:l=/dev/sdX,...>", "init: SCSI LUNs for scsi-attach");
  static final Opt FORCE = Opt.flag(null, "--force", "reboot: power off the guests that run");
  static final Opt BLOCK_DEVICES =
      Opt.value(
          null,
          "--block-devices",
          "<dev,...>",
          "init: the host's block devices (default /dev/ram0-7, /dev/hda1-8, /dev/sda1-15)");

  @Override
  protected java.util.List<Opt> options() {
    return java.util.List.of(
        MEMORY,
        DOM0_MEMORY,
        CPUS,
        NODES,
        CLOCK,
        SHUTDOWN_DELAY,
        OP_LATENCY,
        SCHEDULER,
        PCI,
        SCSI,
        BLOCK_DEVICES,
        FORCE);
  }

  @Override
  public Integer call() {
    if (args.isEmpty()) {
      throw new UsageException("'xm host' needs one of: init, list, advance, reboot");
    }
    String verb = args.get(0);
    List<String> rest = args.subList(1, args.size());
    switch (verb) {
      case "init" -> init(rest);
      case "list" -> list(rest);
      case "advance" -> advance(rest);
      case "reboot" -> reboot(rest);
      default ->
          throw new UsageException(
              "unknown 'xm host' action '" + verb + "' (use init, list, advance or reboot)");
    }
    return 0;
  }

  private void init(List<String> rest) {
    Long memory = longValue(MEMORY, null);
    Long dom0Memory = longValue(DOM0_MEMORY, null);
    Integer cpus = intValue(CPUS, null);
    Integer nodes = intValue(NODES, null);
    String clock = value(CLOCK, null);
    Long shutdownDelay = longValue(SHUTDOWN_DELAY, null);
    Long opLatency = longValue(OP_LATENCY, null);
    List<String> blockDevices = listValue(BLOCK_DEVICES);
    if (rest.size() > 1) {
      throw new UsageException("'xm host init' takes at most one host name");
    }
    String hostName = rest.isEmpty() ? backends().hostName() : rest.get(0);
    HostSpec d = HostSpec.defaults(hostName);
    ClockMode mode = d.clock();
    if (clock != null) {
      mode =
          switch (clock) {
            case "wall" -> ClockMode.WALL;
            case "manual" -> ClockMode.MANUAL;
            default -> throw new UsageException("--clock must be wall or manual");
          };
    }
    long total = memory != null ? memory : d.totalMemoryMiB();
    long dom0 = dom0Memory != null ? dom0Memory : Math.min(d.dom0MemoryMiB(), total);
    HostSpec spec =
        new HostSpec(
            hostName,
            total,
            dom0,
            Math.min(d.dom0MinMemMiB(), dom0),
            cpus != null ? cpus : d.nrCpus(),
            nodes != null ? nodes : d.nrNodes(),
            d.cpuMhz(),
            mode,
            shutdownDelay != null ? shutdownDelay : d.shutdownDelayMs(),
            opLatency != null ? opLatency : d.opLatencyMs(),
            blockDevices != null ? blockDevices : d.blockDevices());
    String scheduler = value(SCHEDULER, "credit");
    if (!HostSpec.SCHEDULERS.contains(scheduler)) {
      throw new UsageException("--scheduler must be credit or sedf");
    }
    spec = spec.withScheduler(scheduler);
    List<String> pci = listValue(PCI);
    if (pci != null) {
      spec = spec.withPciDevices(pci);
    }
    List<String> scsi = listValue(SCSI);
    if (scsi != null) {
      spec = spec.withScsiDevices(scsi);
    }
    if (spec.shutdownDelayMs() < 0 || spec.opLatencyMs() < 0) {
      throw new UsageException("Invalid argument.");
    }
    SimHost h = backends().simHosts().init(spec);
    out()
        .println(
            "Host "
                + h.name()
                + " ready: "
                + spec.totalMemoryMiB()
                + " MiB, "
                + spec.nrCpus()
                + " CPUs, "
                + mode.name().toLowerCase()
                + " clock.");
  }

  private void list(List<String> rest) {
    if (!rest.isEmpty()) {
      throw new UsageException("'xm host list' takes no arguments");
    }
    SimHosts hosts = backends().simHosts();
    out()
        .println(
            Text.left("Host", 24)
                + " "
                + Text.right("Total", 8)
                + " "
                + Text.right("Free", 8)
                + " "
                + Text.right("CPUs", 4)
                + " "
                + Text.right("Domains", 7)
                + "  Clock");
    List<String> names = new ArrayList<>(hosts.names());
    for (String n : names) {
      SimHost h = hosts.open(n);
      HostInfo info = h.info();
      out()
          .println(
              Text.left(n, 24)
                  + " "
                  + Text.right(Long.toString(info.totalMemoryMiB()), 8)
                  + " "
                  + Text.right(Long.toString(info.freeMemoryMiB()), 8)
                  + " "
                  + Text.right(Integer.toString(info.nrCpus()), 4)
                  + " "
                  + Text.right(Integer.toString(h.domains().size()), 7)
                  + "  "
                  + h.spec().clock().name().toLowerCase());
    }
  }

  private void advance(List<String> rest) {
    if (rest.size() != 1) {
      throw new UsageException("'xm host advance' needs a duration, such as 30s, 5m, 2h or 1500ms");
    }
    Duration d = parseDuration(rest.get(0));
    SimHost h = backends().simHosts().open(backends().hostName());
    out().println("Clock of " + h.name() + " now at " + h.advance(d, origin));
  }

  /**
   * Reboots the host: its guests go (with --force), and the policy its boot menu loads becomes
   * active.
   */
  private void reboot(List<String> rest) {
    if (!rest.isEmpty()) {
      throw new UsageException(
          "'xm host reboot' takes no arguments (the host is --host, XM_HOST or localhost)");
    }
    SimHost h = backends().simHosts().open(backends().hostName());
    java.util.Optional<xm.acm.SecurityPolicy> p = h.reboot(has(FORCE), origin);
    out()
        .println(
            "Host "
                + h.name()
                + " rebooted"
                + p.map(x -> "; boot policy " + x.name() + " is active.")
                    .orElse("; no access control policy is active."));
  }

  /** See {@link xm.cli.Durations#parse}. */
  public static Duration parseDuration(String text) {
    return xm.cli.Durations.parse(text);
  }
}
