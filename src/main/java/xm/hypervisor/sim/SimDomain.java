package xm.hypervisor.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import xm.hypervisor.DomainConfig;

/**
 * A domain inside the simulated host's state. Mutable, and touched only inside a locked
 * transaction of {@link SimHost}; what leaves the simulator is an immutable {@code DomainInfo}.
 */
final class SimDomain {
  /** A shutdown, reboot or crash the guest has started and the host will finish at {@code dueMs}. */
  record Pending(Kind kind, long dueMs) {
    enum Kind { POWEROFF, HALT, REBOOT, CRASH }
  }

  /** A migration in flight: this side's role, the token both sides share, and the other host. */
  record Migration(String token, boolean outgoing, String peer) {}

  int id;
  String uuid;
  DomainConfig config;
  int onlineVcpus;
  /** Per VCPU, the CPUs it may run on; null entries (or a null list) mean any CPU. */
  List<Set<Integer>> affinity = new ArrayList<>();
  boolean paused;
  Pending pending;
  /** Set when on_poweroff/on_crash was "preserve": "shutdown" or "crashed". */
  String endState;
  double cpuTimeSec;
  /** When the domain last started accruing CPU time, or -1 while it does not. */
  long runningSinceMs = -1;
  long startMs;
  int restartCount;
  boolean managed;
  Migration migration;
  /** The index of each vif in config.vifs(), in the same order; indices are never reused. */
  List<Integer> vifHandles = new ArrayList<>();
  /** What xm keeps about the domain (spec source, holds, prune opt-out), sorted by key. */
  java.util.Map<String, String> annotations = new java.util.TreeMap<>();
  int nextVifHandle;
  /**
   * The expression and text this domain was last written as in the state file (see
   * {@link StateCodec#write}): not part of the domain, only a cache, checked against a fresh
   * expression before it is used.
   */
  Printed printed;

  record Printed(xm.sxp.Sxp.SList sxp, String text) {}

  /**
   * A copy that shares nothing mutable with this one (the config and the records are immutable),
   * so that a transaction that fails can be undone by going back to copies taken before it.
   */
  SimDomain copy() {
    SimDomain c = new SimDomain();
    c.id = id;
    c.uuid = uuid;
    c.config = config;
    c.onlineVcpus = onlineVcpus;
    for (Set<Integer> cpus : affinity) {
      c.affinity.add(cpus == null ? null : new TreeSet<>(cpus));
    }
    c.paused = paused;
    c.pending = pending;
    c.endState = endState;
    c.cpuTimeSec = cpuTimeSec;
    c.runningSinceMs = runningSinceMs;
    c.startMs = startMs;
    c.restartCount = restartCount;
    c.managed = managed;
    c.migration = migration;
    c.vifHandles.addAll(vifHandles);
    c.annotations.putAll(annotations);
    c.nextVifHandle = nextVifHandle;
    c.printed = printed;
    return c;
  }

  boolean isDomain0() {
    return id == 0;
  }

  /** Whether the guest is alive (not waiting to be cleaned up after a preserved end). */
  boolean isLive() {
    return endState == null;
  }

  Set<Integer> affinityOf(int vcpu) {
    return vcpu < affinity.size() ? affinity.get(vcpu) : null;
  }

  void pin(int vcpu, Set<Integer> cpus) {
    while (affinity.size() <= vcpu) {
      affinity.add(null);
    }
    affinity.set(vcpu, cpus == null ? null : new TreeSet<>(cpus));
  }

  /** Adds the CPU time accrued up to {@code nowMs} and restarts the meter from there. */
  void accrue(long nowMs, double utilisation) {
    if (runningSinceMs >= 0 && nowMs > runningSinceMs) {
      cpuTimeSec += (nowMs - runningSinceMs) / 1000.0 * utilisation * onlineVcpus;
      runningSinceMs = nowMs;
    }
  }

  /** CPU time as of {@code nowMs}, without changing the meter. */
  double cpuTimeAt(long nowMs, double utilisation) {
    if (runningSinceMs >= 0 && nowMs > runningSinceMs) {
      return cpuTimeSec + (nowMs - runningSinceMs) / 1000.0 * utilisation * onlineVcpus;
    }
    return cpuTimeSec;
  }
}
