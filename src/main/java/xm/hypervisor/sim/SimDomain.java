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
   * This domain's values when it was last looked at, with what was derived from them (its text in
   * the state file, its facts for change events): a cache, used only while every value still
   * matches (see {@link #seen}). Saves re-deriving every domain of a large host on every commit.
   */
  Seen seen;

  /** Every value of a domain at one moment, and what is derived from them, computed on demand. */
  static final class Seen {
    private final int id;
    private final String uuid;
    private final DomainConfig config;
    private final int onlineVcpus;
    private final List<Set<Integer>> affinity;
    private final boolean paused;
    private final Pending pending;
    private final String endState;
    private final double cpuTimeSec;
    private final long runningSinceMs;
    private final long startMs;
    private final int restartCount;
    private final boolean managed;
    private final Migration migration;
    private final List<Integer> vifHandles;
    private final java.util.Map<String, String> annotations;
    private final int nextVifHandle;
    /** Derived on first use. */
    private byte[] text;
    private DomainFacts facts;

    private Seen(SimDomain d) {
      id = d.id;
      uuid = d.uuid;
      config = d.config;
      onlineVcpus = d.onlineVcpus;
      affinity = new ArrayList<>(d.affinity.size());
      for (Set<Integer> cpus : d.affinity) {
        affinity.add(cpus == null ? null : Set.copyOf(cpus));
      }
      paused = d.paused;
      pending = d.pending;
      endState = d.endState;
      cpuTimeSec = d.cpuTimeSec;
      runningSinceMs = d.runningSinceMs;
      startMs = d.startMs;
      restartCount = d.restartCount;
      managed = d.managed;
      migration = d.migration;
      vifHandles = List.copyOf(d.vifHandles);
      annotations = new java.util.TreeMap<>(d.annotations);
      nextVifHandle = d.nextVifHandle;
    }

    /** Whether {@code d} still has exactly these values. */
    boolean matches(SimDomain d) {
      return id == d.id && java.util.Objects.equals(uuid, d.uuid) && java.util.Objects.equals(config, d.config)
          && onlineVcpus == d.onlineVcpus && affinity.equals(d.affinity) && paused == d.paused
          && java.util.Objects.equals(pending, d.pending) && java.util.Objects.equals(endState, d.endState)
          && Double.compare(cpuTimeSec, d.cpuTimeSec) == 0 && runningSinceMs == d.runningSinceMs
          && startMs == d.startMs && restartCount == d.restartCount && managed == d.managed
          && java.util.Objects.equals(migration, d.migration) && vifHandles.equals(d.vifHandles)
          && annotations.equals(d.annotations) && nextVifHandle == d.nextVifHandle;
    }
  }

  /** The current values of this domain: the cached ones while they still match, else new ones. */
  Seen seen() {
    if (seen == null || !seen.matches(this)) {
      seen = new Seen(this);
    }
    return seen;
  }

  /** This domain as an element of the state file, starting at column 4, in UTF-8 (see StateCodec#write). */
  byte[] stateText() {
    Seen v = seen();
    if (v.text == null) {
      v.text = xm.sxp.SxpPrinter.exactAt(StateCodec.domainToSxp(this), 4).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    return v.text;
  }

  /** What change events compare for this domain now (see DomainFacts). */
  DomainFacts facts() {
    Seen v = seen();
    if (v.facts == null) {
      v.facts = DomainFacts.of(this);
    }
    return v.facts;
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
    c.seen = seen;
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
