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
   * The text this domain was last written as in the state file and the values it was written
   * from (see {@link StateCodec#write}): not part of the domain, only a cache, used only while
   * every value still matches.
   */
  Printed printed;

  /** Every value {@link StateCodec#domainToSxp} writes, as they were, and the text they gave. */
  record Printed(int id, String uuid, DomainConfig config, int onlineVcpus, List<Set<Integer>> affinity,
      boolean paused, Pending pending, String endState, double cpuTimeSec, long runningSinceMs, long startMs,
      int restartCount, boolean managed, List<Integer> vifHandles, int nextVifHandle,
      java.util.Map<String, String> annotations, Migration migration, String text) {

    static Printed of(SimDomain d, String text) {
      List<Set<Integer>> affinity = new ArrayList<>(d.affinity.size());
      for (Set<Integer> cpus : d.affinity) {
        affinity.add(cpus == null ? null : Set.copyOf(cpus));
      }
      return new Printed(d.id, d.uuid, d.config, d.onlineVcpus, affinity, d.paused, d.pending, d.endState,
          d.cpuTimeSec, d.runningSinceMs, d.startMs, d.restartCount, d.managed, List.copyOf(d.vifHandles),
          d.nextVifHandle, new java.util.TreeMap<>(d.annotations), d.migration, text);
    }

    /** Whether {@code d} still has exactly the values this text was written from. */
    boolean matches(SimDomain d) {
      return id == d.id && uuid.equals(d.uuid) && java.util.Objects.equals(config, d.config)
          && onlineVcpus == d.onlineVcpus && affinity.equals(d.affinity) && paused == d.paused
          && java.util.Objects.equals(pending, d.pending) && java.util.Objects.equals(endState, d.endState)
          && Double.compare(cpuTimeSec, d.cpuTimeSec) == 0 && runningSinceMs == d.runningSinceMs
          && startMs == d.startMs && restartCount == d.restartCount && managed == d.managed
          && vifHandles.equals(d.vifHandles) && nextVifHandle == d.nextVifHandle
          && annotations.equals(d.annotations) && java.util.Objects.equals(migration, d.migration);
    }
  }

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
