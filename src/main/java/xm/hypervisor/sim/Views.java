package xm.hypervisor.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.PowerState;
import xm.hypervisor.StateFlags;
import xm.hypervisor.VcpuInfo;

/** Turns the simulator's internal domains into the port's immutable {@link DomainInfo}. */
final class Views {
  private Views() {}

  static DomainInfo info(SimDomain d, HostSpec spec, long now) {
    if (!d.isActive()) {
      return inactive(d, spec);
    }
    boolean dom0 = d.isDomain0();
    boolean live = d.isLive();
    boolean shuttingDown = d.pending != null;
    StateFlags flags =
        new StateFlags(
            dom0,
            live && !dom0 && !d.paused && !shuttingDown,
            live && d.paused,
            "shutdown".equals(d.endState) || (live && shuttingDown),
            "crashed".equals(d.endState),
            false);
    PowerState power;
    if ("shutdown".equals(d.endState)) {
      power = PowerState.SHUTDOWN;
    } else if ("crashed".equals(d.endState)) {
      power = PowerState.CRASHED;
    } else if (d.paused) {
      power = PowerState.PAUSED;
    } else {
      power = PowerState.RUNNING;
    }
    double util = Lifecycle.utilisation(d);
    double cpu = d.cpuTimeAt(now, util);
    List<VcpuInfo> vcpus = new ArrayList<>(d.config.maxVcpus());
    for (int v = 0; v < d.config.maxVcpus(); v++) {
      boolean online = live && v < d.onlineVcpus;
      Set<Integer> aff = affinity(d, v, spec.nrCpus());
      int cpu0 = -1;
      if (online) {
        List<Integer> choices = List.copyOf(aff.isEmpty() ? allCpus(spec.nrCpus()) : aff);
        cpu0 = choices.get(Math.floorMod(d.id + v, choices.size()));
      }
      boolean running = online && dom0 && v == 0;
      boolean blocked = online && !running && !d.paused;
      vcpus.add(
          new VcpuInfo(
              v,
              online,
              running,
              blocked,
              cpu0,
              online ? cpu / d.onlineVcpus : 0.0,
              List.copyOf(aff)));
    }
    double uptime = Math.max(0, (now - d.startMs) / 1000.0);
    DeviceViews.All devices = DeviceViews.of(d);
    return new DomainInfo(
        d.id,
        d.uuid,
        d.config,
        d.config.memoryMiB(),
        d.config.maxmemMiB(),
        d.onlineVcpus,
        power,
        flags,
        cpu,
        d.startMs / 1000.0,
        uptime,
        vcpus,
        d.managed,
        devices.blocks(),
        devices.nets(),
        devices.tpms(),
        d.annotations,
        d.sched,
        d.persistent);
  }

  /**
   * A definition that is not running: no id, no flags, no CPU time; memory and VCPUs are its
   * configured values (as xm 3.4 listed a halted managed domain).
   */
  private static DomainInfo inactive(SimDomain d, HostSpec spec) {
    List<VcpuInfo> vcpus = new ArrayList<>(d.config.maxVcpus());
    for (int v = 0; v < d.config.maxVcpus(); v++) {
      vcpus.add(new VcpuInfo(v, false, false, false, -1, 0.0, List.copyOf(allCpus(spec.nrCpus()))));
    }
    PowerState power = "suspended".equals(d.inactive) ? PowerState.SUSPENDED : PowerState.HALTED;
    return new DomainInfo(
        null,
        d.uuid,
        d.config,
        d.config.memoryMiB(),
        d.config.maxmemMiB(),
        d.config.vcpus(),
        power,
        new StateFlags(false, false, false, false, false, false),
        0.0,
        0.0,
        0.0,
        vcpus,
        d.managed,
        List.of(),
        List.of(),
        List.of(),
        d.annotations,
        d.sched,
        true);
  }

  /** The CPUs VCPU {@code v} may use, limited to the host's CPUs. */
  static Set<Integer> affinity(SimDomain d, int v, int nrCpus) {
    Set<Integer> pinned = d.affinityOf(v);
    Set<Integer> out = new TreeSet<>();
    if (pinned == null) {
      return allCpus(nrCpus);
    }
    for (int c : pinned) {
      if (c < nrCpus) {
        out.add(c);
      }
    }
    return out;
  }

  static Set<Integer> allCpus(int nrCpus) {
    Set<Integer> all = new TreeSet<>();
    for (int i = 0; i < nrCpus; i++) {
      all.add(i);
    }
    return all;
  }
}
