package xm.hypervisor.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.VifSpec;

/**
 * Everything a simulated host remembers between commands, as read from and written to {@code
 * state.sxp}. Mutable; owned by one transaction at a time.
 */
final class SimState {
  /**
   * The latest time a state holds (9999-12-31T23:59:59.999Z): every clock reading and timestamp is
   * at most this, so that times always print as dates and sums of them cannot overflow.
   */
  static final long LATEST_MS = 253_402_300_799_999L;

  /** The id the next domain gets; ids are never reused while the host runs. */
  int nextDomid = 1;

  /** The manual clock's reading (epoch ms); unused with the wall clock. */
  long clockMs;

  /** When the host booted (epoch ms). */
  long bootMs;

  /** Grows by one with every committed change (see Hypervisor#revision). */
  long revision;

  /**
   * The domains, in order. Adding or removing one (and changing one through SimDomain's setters)
   * keeps the indexes below and the record of what changed since the last checkpoint.
   */
  final List<SimDomain> domains = new Domains(this);

  /**
   * The facts of every domain (see {@link DomainFacts}) as the last committed transaction left
   * them, for the next transaction to start from instead of taking a snapshot of every domain; a
   * transaction takes them over (this is then null) and gives them back when it commits. Not part
   * of the state, only a cache.
   */
  java.util.Map<String, DomainFacts> facts;

  /**
   * What the host's files hold for this state and where (see {@link Committed}): what the next
   * write compares with to write only what changed. Set by the reads and writes of {@link
   * StateFiles}; not part of the state.
   */
  Committed committed;

  /** What a state can be put back to (see {@link #reset}). */
  record Mark(
      int nextDomid,
      long clockMs,
      long bootMs,
      long revision,
      SimDomain[] domains,
      SimDomain.Seen[] seen) {}

  /**
   * This state's values and domains as they are now, each domain with its values (see {@link
   * SimDomain#seen}): taken before a transaction of a batch so that, if it fails, it can be undone
   * without disturbing what the transactions before it did. Allocates next to nothing when the
   * domains did not change since they were last looked at.
   */
  Mark mark() {
    SimDomain[] ds = domains.toArray(new SimDomain[0]);
    SimDomain.Seen[] vs = new SimDomain.Seen[ds.length];
    for (int i = 0; i < ds.length; i++) {
      vs[i] = ds[i].seen();
    }
    return new Mark(nextDomid, clockMs, bootMs, revision, ds, vs);
  }

  /** Puts this state back as it was at {@code m}. */
  void reset(Mark m) {
    nextDomid = m.nextDomid();
    clockMs = m.clockMs();
    bootMs = m.bootMs();
    revision = m.revision();
    domains.clear();
    for (int i = 0; i < m.domains().length; i++) {
      SimDomain d = m.domains()[i];
      if (!m.seen()[i].matches(d)) {
        d.restore(m.seen()[i]);
      }
      domains.add(d);
    }
  }

  /**
   * The domain with {@code uuid}, in either case of hex digit (the same uuid, as the state reader
   * sees it).
   */
  SimDomain byUuid(String uuid) {
    return uuid == null ? null : first(index().byUuid.get(uuidKey(uuid)));
  }

  /**
   * The domain whose uuid is exactly {@code uuid} (same case): what change events are keyed by. A
   * uuid differing only in case is another domain for them, as for a comparison of snapshots.
   */
  SimDomain byExactUuid(String uuid) {
    for (SimDomain d : all(index().byUuid.get(uuidKey(uuid)))) {
      if (d.uuid.equals(uuid)) {
        return d;
      }
    }
    return null;
  }

  /** Uuids are indexed without case, as the state reader compares them. */
  private static String uuidKey(String uuid) {
    return uuid.toLowerCase(java.util.Locale.ROOT);
  }

  SimDomain byName(String name) {
    return first(index().byName.get(name));
  }

  SimDomain byId(int id) {
    return first(index().byId.get(id));
  }

  /** Memory held by all domains, Domain-0 included. */
  long allocatedMiB() {
    return index().allocated;
  }

  /**
   * The domains with a disk whose backend is {@code identity} (see Devices#identity), each once per
   * such disk.
   */
  List<SimDomain> diskUsers(String identity) {
    return all(index().diskUsers.get(identity));
  }

  /**
   * Whether a domain other than {@code except} has an interface with MAC {@code mac} (lower case).
   */
  boolean macUsedByOther(String mac, SimDomain except) {
    for (SimDomain d : all(index().macUsers.get(mac))) {
      if (d != except) {
        return true;
      }
    }
    return false;
  }

  /** The domains with a pending shutdown, reboot or crash (in no particular order). */
  Set<SimDomain> pendingDomains() {
    return java.util.Collections.unmodifiableSet(index().pending);
  }

  /** Whether a domain carries a migration mark. */
  boolean hasMigrationMarks() {
    return !index().migrating.isEmpty();
  }

  // ---- indexes --------------------------------------------------------------------------------

  /**
   * What the indexes hold for one domain, as it was when indexed: removed from them by these values
   * when the domain changes or leaves, whatever its fields say by then.
   */
  record Keys(
      String name,
      String uuid,
      int id,
      long memoryMiB,
      List<String> disks,
      List<String> macs,
      boolean pending,
      boolean migrating) {
    static Keys of(SimDomain d) {
      if (d.config == null) { // a domain being built
        return new Keys(
            null, d.uuid, d.id, 0, List.of(), List.of(), d.pending != null, d.migration != null);
      }
      if (!d.isActive()) { // a definition: found by name and uuid, holds no id, memory, disk or MAC
        return new Keys(d.config.name(), d.uuid, -1, 0, List.of(), List.of(), false, false);
      }
      List<String> disks = new ArrayList<>(d.config.disks().size());
      for (DiskSpec disk : d.config.disks()) {
        if (!disk.uname().isEmpty()) {
          disks.add(Devices.knownIdentity(disk.uname()));
        }
      }
      List<String> macs = new ArrayList<>(d.config.vifs().size());
      for (VifSpec v : d.config.vifs()) {
        if (v.option("mac") != null) {
          macs.add(v.option("mac").toLowerCase());
        }
      }
      return new Keys(
          d.config.name(),
          d.uuid,
          d.id,
          d.config.memoryMiB(),
          List.copyOf(disks),
          List.copyOf(macs),
          d.pending != null,
          d.migration != null);
    }
  }

  /**
   * Lookups by name, uuid and id, the memory held, who uses which disk and MAC, and who has a
   * transition pending or a migration mark: kept up to date as domains join, leave and change, so
   * that an operation costs the same on a host of 10,000 domains as on one of 100. A value is one
   * domain, or a list of them while several share a key (only ever for a moment: names, uuids and
   * ids are unique in a committed state; a disk may be shared read-only).
   */
  static final class Indexes {
    final Map<String, Object> byName = new HashMap<>();
    final Map<String, Object> byUuid = new HashMap<>();
    final Map<Integer, Object> byId = new HashMap<>();
    long allocated;
    final Map<String, Object> diskUsers = new HashMap<>();
    final Map<String, Object> macUsers = new HashMap<>();
    final Set<SimDomain> pending = new HashSet<>();
    final Set<SimDomain> migrating = new HashSet<>();

    void add(SimDomain d, Keys k) {
      put(byName, k.name(), d);
      if (k.uuid() != null) {
        put(byUuid, uuidKey(k.uuid()), d);
      }
      if (k.id() >= 0) {
        put(byId, k.id(), d);
      }
      allocated += k.memoryMiB();
      for (String disk : k.disks()) {
        put(diskUsers, disk, d);
      }
      for (String mac : k.macs()) {
        put(macUsers, mac, d);
      }
      if (k.pending()) {
        pending.add(d);
      }
      if (k.migrating()) {
        migrating.add(d);
      }
    }

    void remove(SimDomain d, Keys k) {
      take(byName, k.name(), d);
      if (k.uuid() != null) {
        take(byUuid, uuidKey(k.uuid()), d);
      }
      if (k.id() >= 0) {
        take(byId, k.id(), d);
      }
      allocated -= k.memoryMiB();
      for (String disk : k.disks()) {
        take(diskUsers, disk, d);
      }
      for (String mac : k.macs()) {
        take(macUsers, mac, d);
      }
      pending.remove(d);
      migrating.remove(d);
    }

    @SuppressWarnings("unchecked")
    private static <K> void put(Map<K, Object> m, K key, SimDomain d) {
      Object v = m.get(key);
      if (v == null) {
        m.put(key, d);
      } else if (v instanceof SimDomain one) {
        List<SimDomain> many = new ArrayList<>(2);
        many.add(one);
        many.add(d);
        m.put(key, many);
      } else {
        ((List<SimDomain>) v).add(d);
      }
    }

    @SuppressWarnings("unchecked")
    private static <K> void take(Map<K, Object> m, K key, SimDomain d) {
      Object v = m.get(key);
      if (v == d) {
        m.remove(key);
      } else if (v instanceof List<?> l) {
        List<SimDomain> many = (List<SimDomain>) l;
        for (int i = 0; i < many.size(); i++) {
          if (many.get(i) == d) {
            many.remove(i);
            break;
          }
        }
        if (many.size() == 1) {
          m.put(key, many.get(0));
        }
      }
    }

    /** The same contents, compared as multisets of domains per key. */
    boolean sameAs(Indexes o) {
      return multi(byName).equals(multi(o.byName))
          && multi(byUuid).equals(multi(o.byUuid))
          && multi(byId).equals(multi(o.byId))
          && allocated == o.allocated
          && multi(diskUsers).equals(multi(o.diskUsers))
          && multi(macUsers).equals(multi(o.macUsers))
          && pending.equals(o.pending)
          && migrating.equals(o.migrating);
    }

    private static <K> Map<K, Map<SimDomain, Integer>> multi(Map<K, Object> m) {
      Map<K, Map<SimDomain, Integer>> out = new HashMap<>();
      m.forEach(
          (k, v) -> {
            Map<SimDomain, Integer> count = new HashMap<>();
            for (SimDomain d : all(v)) {
              count.merge(d, 1, Integer::sum);
            }
            out.put(k, count);
          });
      return out;
    }
  }

  /** The indexes, kept in step with the domains (see {@link #changed}); not part of the state. */
  private final Indexes indexes = new Indexes();

  /** Domains in the list that changed since they were last indexed. */
  private final Set<SimDomain> stale = new HashSet<>();

  /**
   * The uuids of the domains that joined, left or changed since the last checkpoint of change
   * events (see DomainFacts#update), under their old uuid and their new one.
   */
  private final Set<String> touched = new HashSet<>();

  /** Hears from {@code d} (in this state's list) that it may have changed. */
  void changed(SimDomain d) {
    stale.add(d);
    if (d.uuid != null) {
      touched.add(d.uuid);
    }
  }

  private void joined(SimDomain d) {
    if (d.owner != null) {
      throw new IllegalStateException(
          "domain "
              + d.uuid
              + " is already in "
              + (d.owner == this ? "this" : "another")
              + " state's list");
    }
    d.owner = this;
    changed(d);
  }

  private void left(SimDomain d) {
    changed(d);
    if (d.indexed != null) {
      indexes.remove(d, d.indexed);
      d.indexed = null;
    }
    d.owner = null;
    stale.remove(d);
  }

  /** The indexes, brought up to date with the domains that changed since they were last used. */
  private Indexes index() {
    if (!stale.isEmpty()) {
      for (SimDomain d : stale) {
        if (d.indexed != null) {
          indexes.remove(d, d.indexed);
          d.indexed = null;
        }
        if (d.owner == this) {
          d.indexed = Keys.of(d);
          indexes.add(d, d.indexed);
        }
      }
      stale.clear();
    }
    return indexes;
  }

  /** The uuids touched since the last call (see {@link #touched}); starts a new record. */
  Set<String> takeTouched() {
    Set<String> out = new HashSet<>(touched);
    touched.clear();
    return out;
  }

  /** Forgets what changed so far: a snapshot of every domain was just taken. */
  void clearTouched() {
    touched.clear();
  }

  /**
   * Whether the indexes hold exactly what indexing every domain afresh gives (a check for tests and
   * assertions).
   */
  boolean indexesMatchDomains() {
    Indexes fresh = new Indexes();
    for (SimDomain d : domains) {
      fresh.add(d, Keys.of(d));
    }
    return index().sameAs(fresh);
  }

  private SimDomain first(Object v) {
    if (v == null || v instanceof SimDomain) {
      return (SimDomain) v;
    }
    // several share the key: the first in the list, as a scan of the list finds it
    List<SimDomain> many = all(v);
    for (SimDomain d : domains) {
      for (SimDomain m : many) {
        if (m == d) {
          return d;
        }
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static List<SimDomain> all(Object v) {
    if (v == null) {
      return List.of();
    }
    if (v instanceof SimDomain one) {
      return List.of(one);
    }
    return (List<SimDomain>) v;
  }

  /** The list of domains, telling its state of every domain that joins or leaves. */
  private static final class Domains extends java.util.AbstractList<SimDomain>
      implements java.util.RandomAccess {
    private final ArrayList<SimDomain> list = new ArrayList<>();
    private final SimState state;

    Domains(SimState state) {
      this.state = state;
    }

    @Override
    public SimDomain get(int i) {
      return list.get(i);
    }

    @Override
    public int size() {
      return list.size();
    }

    @Override
    public SimDomain set(int i, SimDomain d) {
      SimDomain old = list.get(i);
      if (old == d) {
        return old;
      }
      state.left(old);
      list.set(i, d);
      state.joined(d);
      return old;
    }

    @Override
    public void add(int i, SimDomain d) {
      java.util.Objects.requireNonNull(d);
      state.joined(d);
      list.add(i, d);
      modCount++;
    }

    @Override
    public SimDomain remove(int i) {
      SimDomain old = list.remove(i);
      state.left(old);
      modCount++;
      return old;
    }

    @Override
    public boolean remove(Object o) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) == o) {
          remove(i);
          return true;
        }
      }
      return false;
    }

    @Override
    public int indexOf(Object o) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) == o) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public boolean contains(Object o) {
      return o instanceof SimDomain d && d.owner == state;
    }

    @Override
    public void clear() {
      for (SimDomain d : list) {
        state.left(d);
      }
      list.clear();
      modCount++;
    }

    @Override
    protected void removeRange(int from, int to) {
      for (int i = from; i < to; i++) {
        state.left(list.get(i));
      }
      list.subList(from, to).clear();
      modCount++;
    }
  }
}
