package xm.hypervisor.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The text a simulated host writes: Xen's boot ring for dmesg and a guest's console at boot. */
final class BootText {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy").withZone(ZoneOffset.UTC);

  private BootText() {}

  static String hypervisorRing(HostSpec spec, long bootMs) {
    StringBuilder b = new StringBuilder();
    String v = HostSpec.XEN_MAJOR + "." + HostSpec.XEN_MINOR + HostSpec.XEN_EXTRA;
    line(b, " __  __            _____  _  _    ___  ");
    line(b, " \\ \\/ /___ _ __   |___ / | || |  / _ \\ ");
    line(b, "  \\  // _ \\ '_ \\    |_ \\ | || |_| | | |");
    line(b, "  /  \\  __/ | | |  ___) ||__   _| |_| |");
    line(b, " /_/\\_\\___|_| |_| |____(_)  |_|(_)___/ ");
    line(b, "");
    line(
        b,
        "Xen version " + v + " (xm simulated host) " + DATE.format(Instant.ofEpochMilli(bootMs)));
    line(b, "Latest ChangeSet: unavailable (embedded simulation)");
    line(b, "Command line: dom0_mem=" + spec.dom0MemoryMiB() + "M");
    line(b, "Physical RAM map:");
    line(
        b,
        " 0000000000000000 - " + String.format("%016x", spec.totalMemoryMiB() << 20) + " (usable)");
    line(
        b,
        "System RAM: " + spec.totalMemoryMiB() + "MB (" + (spec.totalMemoryMiB() * 1024) + "kB)");
    line(b, "Xen heap: 14MB (14336kB)");
    line(b, "Detected " + spec.cpuMhz() + " MHz processor.");
    for (int c = 0; c < spec.nrCpus(); c++) {
      line(
          b,
          "CPU"
              + c
              + ": Simulated CPU @ "
              + spec.cpuMhz()
              + "MHz stepping 0"
              + (c == 0 ? "" : " (booted)"));
    }
    line(b, "Total of " + spec.nrCpus() + " processors activated.");
    line(
        b,
        "Using scheduler: "
            + (spec.scheduler().equals("sedf")
                ? "Simple EDF Scheduler (sedf)"
                : "SMP Credit Scheduler (credit)"));
    line(b, "*** LOADING DOMAIN 0 ***");
    line(b, "Dom0 has maximum " + spec.nrCpus() + " VCPUs");
    line(b, "Scrubbing Free RAM: done.");
    line(b, "Xen trace buffers: disabled");
    line(b, "Std. Loglevel: Errors and warnings");
    line(b, "Guest Loglevel: Nothing (Rate-limited: Errors and warnings)");
    line(b, "Xen is relinquishing VGA console.");
    line(b, "Freed 108kB init memory.");
    return b.toString();
  }

  private static void line(StringBuilder b, String text) {
    b.append("(XEN) ").append(text).append('\n');
  }

  /** What a paravirtual Linux guest prints while it boots, ending at its login prompt. */
  static void guestBoot(Tx tx, SimDomain d) {
    var c = d.config;
    tx.console(d, "Linux version 2.6.18.8-xen (xm@simulated) (gcc version 4.1.2) #1 SMP");
    tx.console(d, "Command line: " + c.cmdline());
    tx.console(
        d,
        "Kernel: "
            + (c.kernel() == null ? "(none)" : c.kernel())
            + (c.ramdisk() == null ? "" : " initrd: " + c.ramdisk()));
    tx.console(
        d, "Memory: " + (c.memoryMiB() * 1024) + "k available, " + c.maxmemMiB() + "M maximum");
    tx.console(d, "Brought up " + d.onlineVcpus + " CPUs");
    for (int i = 0; i < c.disks().size(); i++) {
      tx.console(d, "Registering block device " + c.disks().get(i).dev());
    }
    for (int i = 0; i < c.vifs().size(); i++) {
      tx.console(d, "netfront: Initialising virtual ethernet driver eth" + i);
    }
    tx.console(d, "Freeing unused kernel memory: 152k freed");
    tx.console(d, "INIT: version 2.86 booting");
    tx.console(d, "");
    tx.console(d, c.name() + " login: ");
  }
}
