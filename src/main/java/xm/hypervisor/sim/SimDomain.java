package xm.hypervisor.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import xm.hypervisor.DomainConfig;

/**
 * A domain inside the simulated host's state. Mutable, and touched only inside a locked transaction
 * of {@link SimHost}; what leaves the simulator is an immutable {@code DomainInfo}.
 */
final class SimDomain {
  /**
   * A shutdown, reboot or crash the guest has started and the host will finish at {@code dueMs}.
   */
  record Pending(Kind kind, long dueMs) {
    enum Kind {
      POWEROFF,
      HALT,
      REBOOT,
      CRASH
    }
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

  /** Scheduler parameters (credit and SEDF); replaced, never changed in place. */
  xm.hypervisor.Sched sched = xm.hypervisor.Sched.defaults(false);

  /** PCI devices passed through to it; replaced, never changed in place. */
  List<xm.hypervisor.PciDevice> pci = List.of();

  /** SCSI LUNs passed through to it; replaced, never changed in place. */
  List<xm.hypervisor.ScsiDevice> vscsi = List.of();

  boolean managed;

  /**
   * Whether xend's lifecycle support keeps the domain (made by {@code xm new}): it stays defined
   * when it stops. Not to be confused with {@link #managed}, which is xm's reconciler owning it.
   */
  boolean persistent;

  /**
   * Null while the domain exists on the hypervisor; {@code "halted"} or {@code "suspended"} for a
   * persistent domain that is defined but not running (its id is then -1: it has none).
   */
  String inactive;

  Migration migration;

  /** The index of each vif in config.vifs(), in the same order; indices are never reused. */
  List<Integer> vifHandles = new ArrayList<>();

  /**
   * What xm keeps about the domain (spec source, holds, prune opt-out), sorted by key. Never
   * changed in place (it cannot be): {@link #annotate} puts a new map here, so that a snapshot
   * tells an unchanged map by identity.
   */
  java.util.SortedMap<String, String> annotations = NO_ANNOTATIONS;

  private static final java.util.SortedMap<String, String> NO_ANNOTATIONS =
      java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>());

  /** Sets each annotation of {@code changes}; a null value removes that one. */
  void annotate(java.util.Map<String, String> changes) {
    java.util.TreeMap<String, String> next = new java.util.TreeMap<>(annotations);
    changes.forEach(
        (k, v) -> {
          if (v == null) {
            next.remove(k);
          } else {
            next.put(k, v);
          }
        });
    annotations =
        next.isEmpty() ? NO_ANNOTATIONS : java.util.Collections.unmodifiableSortedMap(next);
    changed();
  }

  /** Sets one annotation ({@code value} null: removes it). */
  void annotate(String key, String value) {
    java.util.Map<String, String> one = new java.util.HashMap<>();
    one.put(key, value);
    annotate(one);
  }

  int nextVifHandle;

  /**
   * The state whose list holds this domain, or null (set by {@link SimState}'s list): told of every
   * change made through the setters below, to keep its indexes and find change events from the
   * domains that changed instead of looking at all of them. Not part of the state.
   */
  SimState owner;

  /**
   * What {@link SimState}'s indexes hold for this domain (see SimState.Indexes); not part of the
   * state.
   */
  SimState.Keys indexed;

  /**
   * Whether a value may have changed since {@link #seen} was last checked against the domain: set
   * by {@link #changed}, cleared by {@link #seen}. While it is clear, {@link #seen} answers without
   * comparing (so a commit costs what changed, not the number of domains). Not part of the state.
   */
  boolean dirty = true;

  /**
   * Tells the owning state (if any) that this domain may have changed. Every setter calls it; code
   * that sets a field directly (or changes a list in place) calls it too, before anything looks at
   * the domain again (with assertions on, {@link #seen} catches a change made without it).
   */
  void changed() {
    dirty = true;
    if (owner != null) {
      owner.changed(this);
    }
  }

  // The values the state's indexes and the change events depend on are set only through these
  // (while the domain is in a state's list), so that the state hears of every change.

  void setId(int id) {
    this.id = id;
    changed();
  }

  void setUuid(String uuid) {
    if (owner != null) {
      owner.changed(this); // under the old uuid
    }
    this.uuid = uuid;
    changed();
  }

  void setConfig(DomainConfig config) {
    this.config = config;
    changed();
  }

  void setOnlineVcpus(int n) {
    onlineVcpus = n;
    changed();
  }

  void setPaused(boolean paused) {
    this.paused = paused;
    changed();
  }

  void setPending(Pending pending) {
    this.pending = pending;
    changed();
  }

  void setEndState(String endState) {
    this.endState = endState;
    changed();
  }

  void setManaged(boolean managed) {
    this.managed = managed;
    changed();
  }

  void setMigration(Migration migration) {
    this.migration = migration;
    changed();
  }

  void setPersistent(boolean persistent) {
    this.persistent = persistent;
    changed();
  }

  void setInactive(String inactive) {
    this.inactive = inactive;
    changed();
  }

  void setRunningSinceMs(long ms) {
    runningSinceMs = ms;
    changed();
  }

  void setStartMs(long ms) {
    startMs = ms;
    changed();
  }

  void setCpuTimeSec(double sec) {
    cpuTimeSec = sec;
    changed();
  }

  void setRestartCount(int n) {
    restartCount = n;
    changed();
  }

  void setSched(xm.hypervisor.Sched s) {
    sched = s;
    changed();
  }

  void setPci(List<xm.hypervisor.PciDevice> devices) {
    pci = List.copyOf(devices);
    changed();
  }

  void setVscsi(List<xm.hypervisor.ScsiDevice> devices) {
    vscsi = List.copyOf(devices);
    changed();
  }

  void setNextVifHandle(int handle) {
    nextVifHandle = handle;
    changed();
  }

  void setVifHandles(List<Integer> handles) {
    vifHandles = handles;
    changed();
  }

  /**
   * This domain's values when it was last looked at, with what was derived from them (its text in
   * the state file, its facts for change events): a cache, used only while every value still
   * matches (see {@link #seen}). Saves re-deriving every domain of a large host on every commit.
   */
  Seen seen;

  /**
   * Every value of a domain at one moment, and what is derived from them, computed on demand.
   * Collections are kept as arrays, so that checking a domain that did not change is a handful of
   * comparisons and allocates nothing.
   */
  static final class Seen {
    private static final Set<?>[] NO_AFFINITY = new Set<?>[0];
    private static final int[] NO_HANDLES = new int[0];

    private final int id;
    private final String uuid;
    private final DomainConfig config;
    private final int onlineVcpus;

    /** Per VCPU, an unmodifiable copy of its CPUs, or null. */
    private final Set<?>[] affinity;

    private final boolean paused;
    private final Pending pending;
    private final String endState;
    private final double cpuTimeSec;
    private final long runningSinceMs;
    private final long startMs;
    private final int restartCount;
    private final xm.hypervisor.Sched sched;
    private final List<xm.hypervisor.PciDevice> pci;
    private final List<xm.hypervisor.ScsiDevice> vscsi;
    private final boolean managed;
    private final boolean persistent;
    private final String inactive;
    private final Migration migration;
    private final int[] vifHandles;

    /** The domain's map itself: it is never changed in place. */
    private final java.util.SortedMap<String, String> annotations;

    private final int nextVifHandle;

    /** Derived on first use. */
    private byte[] text;

    private DomainFacts facts;

    private Seen(SimDomain d) {
      id = d.id;
      uuid = d.uuid;
      config = d.config;
      onlineVcpus = d.onlineVcpus;
      affinity = d.affinity.isEmpty() ? NO_AFFINITY : new Set<?>[d.affinity.size()];
      for (int i = 0; i < affinity.length; i++) {
        Set<Integer> cpus = d.affinity.get(i);
        affinity[i] = cpus == null ? null : Set.copyOf(cpus);
      }
      paused = d.paused;
      pending = d.pending;
      endState = d.endState;
      cpuTimeSec = d.cpuTimeSec;
      runningSinceMs = d.runningSinceMs;
      startMs = d.startMs;
      restartCount = d.restartCount;
      sched = d.sched;
      pci = d.pci;
      vscsi = d.vscsi;
      managed = d.managed;
      persistent = d.persistent;
      inactive = d.inactive;
      migration = d.migration;
      vifHandles = d.vifHandles.isEmpty() ? NO_HANDLES : new int[d.vifHandles.size()];
      for (int i = 0; i < vifHandles.length; i++) {
        vifHandles[i] = d.vifHandles.get(i);
      }
      annotations = d.annotations;
      nextVifHandle = d.nextVifHandle;
    }

    /**
     * Whether {@code d} still has exactly these values. Immutable values are compared by identity
     * first: they are replaced, never changed, so an unchanged domain costs no deep comparison
     * (this runs for every domain of the host several times per commit).
     */
    boolean matches(SimDomain d) {
      return id == d.id
          && java.util.Objects.equals(uuid, d.uuid)
          && (config == d.config || config != null && config.equals(d.config))
          && onlineVcpus == d.onlineVcpus
          && paused == d.paused
          && (pending == d.pending || java.util.Objects.equals(pending, d.pending))
          && java.util.Objects.equals(endState, d.endState)
          && Double.compare(cpuTimeSec, d.cpuTimeSec) == 0
          && runningSinceMs == d.runningSinceMs
          && startMs == d.startMs
          && restartCount == d.restartCount
          && managed == d.managed
          && persistent == d.persistent
          && java.util.Objects.equals(inactive, d.inactive)
          && (sched == d.sched || java.util.Objects.equals(sched, d.sched))
          && (pci == d.pci || pci.equals(d.pci))
          && (vscsi == d.vscsi || vscsi.equals(d.vscsi))
          && (migration == d.migration || java.util.Objects.equals(migration, d.migration))
          && nextVifHandle == d.nextVifHandle
          && (annotations == d.annotations || annotations.equals(d.annotations))
          && sameAffinity(d.affinity)
          && sameHandles(d.vifHandles);
    }

    private boolean sameAffinity(List<Set<Integer>> now) {
      if (now.size() != affinity.length) {
        return false;
      }
      for (int i = 0; i < affinity.length; i++) {
        if (!java.util.Objects.equals(affinity[i], now.get(i))) {
          return false;
        }
      }
      return true;
    }

    private boolean sameHandles(List<Integer> now) {
      if (now.size() != vifHandles.length) {
        return false;
      }
      for (int i = 0; i < vifHandles.length; i++) {
        if (now.get(i) != vifHandles[i]) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Puts back the values of {@code v}, a snapshot of this very domain (see {@link #seen}): undoes
   * what a transaction that failed did to it.
   */
  @SuppressWarnings("unchecked")
  void restore(Seen v) {
    if (owner != null) {
      owner.changed(this); // under the uuid it has now
    }
    id = v.id;
    uuid = v.uuid;
    config = v.config;
    onlineVcpus = v.onlineVcpus;
    affinity = new ArrayList<>(v.affinity.length);
    for (Set<?> cpus : v.affinity) {
      affinity.add(cpus == null ? null : new TreeSet<>((Set<Integer>) cpus));
    }
    paused = v.paused;
    pending = v.pending;
    endState = v.endState;
    cpuTimeSec = v.cpuTimeSec;
    runningSinceMs = v.runningSinceMs;
    startMs = v.startMs;
    restartCount = v.restartCount;
    sched = v.sched;
    pci = v.pci;
    vscsi = v.vscsi;
    managed = v.managed;
    persistent = v.persistent;
    inactive = v.inactive;
    migration = v.migration;
    vifHandles = new ArrayList<>(v.vifHandles.length);
    for (int h : v.vifHandles) {
      vifHandles.add(h);
    }
    annotations = v.annotations;
    nextVifHandle = v.nextVifHandle;
    seen = v;
    changed();
  }

  /** The current values of this domain: the cached ones while they still match, else new ones. */
  Seen seen() {
    if (!dirty && seen != null) {
      assert seen.matches(this)
          : "a value of domain " + uuid + " was changed without SimDomain.changed()";
      return seen;
    }
    if (seen == null || !seen.matches(this)) {
      seen = new Seen(this);
    }
    dirty = false;
    return seen;
  }

  /**
   * This domain as an element of the state file, starting at column 4, in UTF-8 (see
   * StateCodec#write).
   */
  byte[] stateText() {
    Seen v = seen();
    if (v.text == null) {
      v.text =
          xm.sxp.SxpPrinter.exactAt(StateCodec.domainToSxp(this), 4)
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
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

  boolean isDomain0() {
    return id == 0;
  }

  /**
   * Whether the guest is alive: it exists on the hypervisor (not an inactive definition) and is not
   * waiting to be cleaned up after a preserved end.
   */
  boolean isLive() {
    return endState == null && inactive == null;
  }

  /** Whether the domain exists on the hypervisor (has an id), alive or preserved after its end. */
  boolean isActive() {
    return inactive == null;
  }

  /**
   * Makes this persistent domain an inactive definition ({@code how}: halted or suspended): it has
   * no id, no runtime and holds nothing; its config, uuid, scheduler parameters and annotations
   * stay.
   */
  void deactivate(String how) {
    setInactive(how);
    setId(-1);
    setPaused(false);
    setPending(null);
    setEndState(null);
    setCpuTimeSec(0);
    setRunningSinceMs(-1);
    setStartMs(0);
    setRestartCount(0);
    setOnlineVcpus(config.vcpus());
    setPci(List.of());
    setVscsi(List.of());
    setMigration(null);
    affinity = new ArrayList<>();
    changed();
  }

  Set<Integer> affinityOf(int vcpu) {
    return vcpu < affinity.size() ? affinity.get(vcpu) : null;
  }

  void pin(int vcpu, Set<Integer> cpus) {
    while (affinity.size() <= vcpu) {
      affinity.add(null);
    }
    affinity.set(vcpu, cpus == null ? null : new TreeSet<>(cpus));
    changed();
  }

  /** Adds the CPU time accrued up to {@code nowMs} and restarts the meter from there. */
  void accrue(long nowMs, double utilisation) {
    if (runningSinceMs >= 0 && nowMs > runningSinceMs) {
      cpuTimeSec += (nowMs - runningSinceMs) / 1000.0 * utilisation * onlineVcpus;
      runningSinceMs = nowMs;
      changed();
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
