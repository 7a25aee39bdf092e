package xm.cli.domain;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xm.cli.Opt;
import xm.cli.Text;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.HostInfo;

/**
 * {@code xm top}: a xentop-like table of the host and its domains. On a terminal it redraws every
 * delay seconds until interrupted; with {@code -b} (or when output is not a terminal) it prints
 * {@code -i} iterations one after another, for scripts.
 */
public final class TopCommand extends XmCommand {
  static final Opt BATCH =
      Opt.flag("-b", "--batch", "Batch mode: print plain frames, no screen control");
  static final Opt DELAY =
      Opt.value("-d", "--delay", "<secs>", "Seconds between updates (default 3)");
  static final Opt ITERATIONS =
      Opt.value(
          "-i",
          "--iterations",
          "<n>",
          "Number of frames (default 1 in batch mode, endless on a terminal)");

  @Override
  protected java.util.List<Opt> options() {
    return java.util.List.of(BATCH, DELAY, ITERATIONS);
  }

  @Override
  public Integer call() throws InterruptedException {
    boolean batch = has(BATCH);
    double delay = doubleValue(DELAY, 3);
    int iterations = intValue(ITERATIONS, -1);
    requireArgs(0);
    if (delay <= 0 || iterations == 0 || iterations < -1) {
      throw new UsageException("Invalid argument.");
    }
    boolean screen = !batch && env.terminal();
    int frames = iterations > 0 ? iterations : screen ? Integer.MAX_VALUE : 1;
    Map<String, double[]> last = new HashMap<>();
    for (int i = 0; i < frames; i++) {
      if (i > 0) {
        Thread.sleep((long) (delay * 1000));
      }
      if (screen) {
        out().print("\u001b[H\u001b[2J");
      }
      frame(last);
      out().flush();
    }
    return 0;
  }

  private void frame(Map<String, double[]> last) {
    HostInfo info = host().info();
    List<DomainInfo> doms = Domains.select(host(), List.of());
    long nowMs = host().now().toEpochMilli();
    LocalTime t = LocalTime.ofInstant(host().now(), ZoneOffset.UTC);
    int running = 0;
    int blocked = 0;
    int paused = 0;
    int crashed = 0;
    int dying = 0;
    int shutdown = 0;
    for (DomainInfo d : doms) {
      String f = d.flags().toString();
      running += f.charAt(0) == 'r' ? 1 : 0;
      blocked += f.charAt(1) == 'b' ? 1 : 0;
      paused += f.charAt(2) == 'p' ? 1 : 0;
      shutdown += f.charAt(3) == 's' ? 1 : 0;
      crashed += f.charAt(4) == 'c' ? 1 : 0;
      dying += f.charAt(5) == 'd' ? 1 : 0;
    }
    long totalK = info.totalMemoryMiB() * 1024;
    long freeK = info.freeMemoryMiB() * 1024;
    out()
        .println(
            "xentop - "
                + two(t.getHour())
                + ":"
                + two(t.getMinute())
                + ":"
                + two(t.getSecond())
                + "   Xen "
                + info.fields().get("xen_major")
                + "."
                + info.fields().get("xen_minor")
                + info.fields().get("xen_extra"));
    out()
        .println(
            doms.size()
                + " domains: "
                + running
                + " running, "
                + blocked
                + " blocked, "
                + paused
                + " paused, "
                + crashed
                + " crashed, "
                + dying
                + " dying, "
                + shutdown
                + " shutdown ");
    out()
        .println(
            "Mem: "
                + totalK
                + "k total, "
                + (totalK - freeK)
                + "k used, "
                + freeK
                + "k free    CPUs: "
                + info.nrCpus()
                + " @ "
                + info.fields().get("cpu_mhz")
                + "MHz");
    out()
        .println(
            "      NAME  STATE   CPU(sec) CPU(%)     MEM(k) MEM(%)  MAXMEM(k) MAXMEM(%) VCPUS NETS NETTX(k) NETRX(k) VBDS   VBD_OO   VBD_RD   VBD_WR SSID");
    for (DomainInfo d : doms) {
      double[] prev = last.get(d.uuid());
      double pct =
          prev == null || nowMs <= prev[1]
              ? 0.0
              : (d.cpuTimeSec() - prev[0]) * 100000.0 / (nowMs - prev[1]);
      last.put(d.uuid(), new double[] {d.cpuTimeSec(), nowMs});
      long memK = d.memoryMiB() * 1024;
      boolean unlimited = d.maxmemMiB() >= 16777215L;
      String maxK = unlimited ? "no limit" : Long.toString(d.maxmemMiB() * 1024);
      String maxPct = unlimited ? "n/a" : Text.oneDecimal(100.0 * d.maxmemMiB() * 1024 / totalK);
      out()
          .println(
              Text.right(d.name(), 10)
                  + " "
                  + Text.right(d.flags().toString().replace('-', '-'), 6)
                  + " "
                  + Text.right(Long.toString((long) d.cpuTimeSec()), 10)
                  + " "
                  + Text.right(Text.oneDecimal(pct), 6)
                  + " "
                  + Text.right(Long.toString(memK), 10)
                  + " "
                  + Text.right(Text.oneDecimal(100.0 * memK / totalK), 6)
                  + " "
                  + Text.right(maxK, 10)
                  + " "
                  + Text.right(maxPct, 9)
                  + " "
                  + Text.right(Integer.toString(d.onlineVcpus()), 5)
                  + " "
                  + Text.right(Integer.toString(d.config().vifs().size()), 4)
                  + " "
                  + Text.right("0", 8)
                  + " "
                  + Text.right("0", 8)
                  + " "
                  + Text.right(Integer.toString(d.config().disks().size()), 4)
                  + " "
                  + Text.right("0", 8)
                  + " "
                  + Text.right("0", 8)
                  + " "
                  + Text.right("0", 8)
                  + " "
                  + Text.right("0", 4));
    }
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }
}
