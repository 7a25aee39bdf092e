package xm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xm.diag.Location;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.PowerState;
import xm.hypervisor.StateFlags;
import xm.hypervisor.VifSpec;
import xm.plan.Observed;
import xm.plan.Plan;
import xm.plan.PlanOptions;
import xm.plan.Planner;
import xm.spec.DesiredState;
import xm.spec.DomainSpec;
import xm.spec.SpecSet;

/**
 * Planning time for N generated domains (bench/plan.sh runs it): half in sync, a quarter drifted
 * (memory, vcpus, pause), a quarter missing, plus unmanaged domains the plan must skip. Prints the
 * median of several timed runs after warm-up.
 */
public final class PlanBenchmark {
  /**
   * A backend that changes memory, VCPUs, state and devices live, as the simulated Xen host does.
   */
  public static final xm.hypervisor.Capabilities SIM_LIKE =
      new xm.hypervisor.Capabilities(
          Map.of(
              "memory",
              xm.hypervisor.Capabilities.FieldMode.LIVE,
              "maxmem",
              xm.hypervisor.Capabilities.FieldMode.LIVE,
              "vcpus",
              xm.hypervisor.Capabilities.FieldMode.LIVE,
              "state",
              xm.hypervisor.Capabilities.FieldMode.LIVE,
              "disks",
              xm.hypervisor.Capabilities.FieldMode.LIVE,
              "vifs",
              xm.hypervisor.Capabilities.FieldMode.LIVE,
              "host",
              xm.hypervisor.Capabilities.FieldMode.LIVE),
          32,
          1L << 32,
          true);

  private PlanBenchmark() {}

  public static void main(String[] args) {
    for (String a : args.length == 0 ? new String[] {"1000", "10000"} : args) {
      int n = Integer.parseInt(a);
      SpecSet specs = specs(n);
      List<Observed> observed = observed(n);
      PlanOptions o = PlanOptions.of(false, false, false, "h");
      for (int i = 0; i < 5; i++) {
        Planner.plan(specs, observed, o);
      }
      long[] times = new long[9];
      Plan plan = null;
      for (int i = 0; i < times.length; i++) {
        long t0 = System.nanoTime();
        plan = Planner.plan(specs, observed, o);
        times[i] = System.nanoTime() - t0;
      }
      java.util.Arrays.sort(times);
      System.out.printf(
          "plan %6d domains: median %8.1f ms (min %.1f, max %.1f), %d changes%n",
          n,
          times[times.length / 2] / 1e6,
          times[0] / 1e6,
          times[times.length - 1] / 1e6,
          plan.changes().stream().filter(c -> !c.ops().isEmpty()).count());
    }
  }

  static DomainConfig config(int i, long memory, int vcpus) {
    return new DomainConfig(
        "d" + i,
        null,
        "linux",
        "/boot/vmlinuz",
        null,
        "root=/dev/xvda1",
        memory,
        1024,
        vcpus,
        4,
        null,
        null,
        null,
        null,
        List.of(new DiskSpec("phy:ram" + (i % 8), "xvda", "r", 0)),
        List.of(new VifSpec(Map.of("mac", mac(i), "bridge", "xenbr0"))),
        List.of(),
        null,
        Map.of());
  }

  static String mac(int i) {
    return String.format("00:16:3e:%02x:%02x:%02x", (i >> 16) & 0x7f, (i >> 8) & 0xff, i & 0xff);
  }

  static SpecSet specs(int n) {
    List<DomainSpec> out = new ArrayList<>();
    Set<String> declared =
        Set.of("kernel", "memory", "maxmem", "vcpus", "maxvcpus", "disks", "vifs", "state");
    for (int i = 0; i < n; i++) {
      Location at = new Location("specs/d" + i + ".yaml", 1, 1);
      out.add(
          new DomainSpec(
              "d" + i,
              null,
              Map.of(),
              config(i, 256, 2),
              DesiredState.RUNNING,
              true,
              List.of(),
              declared,
              Map.of(),
              at));
    }
    return new SpecSet(out, List.of());
  }

  static List<Observed> observed(int n) {
    List<DomainInfo> doms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i % 4 == 3) {
        continue;
      }
      boolean drift = i % 4 == 2;
      DomainConfig c = config(i, drift ? 384 : 256, 2);
      doms.add(
          new DomainInfo(
              i + 1,
              "uuid-" + i,
              c,
              c.memoryMiB(),
              c.maxmemMiB(),
              drift ? 1 : 2,
              drift ? PowerState.PAUSED : PowerState.RUNNING,
              new StateFlags(false, !drift, drift, false, false, false),
              1.0,
              0,
              10,
              List.of(),
              true,
              List.of(
                  new xm.hypervisor.BlockDevice(
                      51712, c.disks().get(0), 4, 8, 8, "/local/domain/0/backend/vbd/" + i)),
              List.of(
                  new xm.hypervisor.NetDevice(
                      0, c.vifs().get(0), 0, 4, 9, 768, 769, "/local/domain/0/backend/vif/" + i)),
              List.of(),
              Map.of("xm/spec", "specs")));
    }
    for (int i = 0; i < n / 10; i++) {
      DomainConfig c =
          new DomainConfig(
              "handmade" + i,
              null,
              "linux",
              "/k",
              null,
              "",
              64,
              64,
              1,
              1,
              null,
              null,
              null,
              null,
              List.of(),
              List.of(),
              List.of(),
              null,
              Map.of());
      doms.add(
          new DomainInfo(
              n + i + 1,
              "u" + i,
              c,
              64,
              64,
              1,
              PowerState.RUNNING,
              new StateFlags(false, true, false, false, false, false),
              0,
              0,
              0,
              List.of(),
              false,
              List.of(),
              List.of(),
              List.of(),
              Map.of()));
    }
    return List.of(new Observed("h", true, 1L << 30, 1L << 29, 64, doms, SIM_LIKE, 0));
  }
}
