package xm.hypervisor.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a simulated host remembers between commands, as read from and written to
 * {@code state.sxp}. Mutable; owned by one transaction at a time.
 */
final class SimState {
  /**
   * The latest time a state holds (9999-12-31T23:59:59.999Z): every clock reading and timestamp
   * is at most this, so that times always print as dates and sums of them cannot overflow.
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
  final List<SimDomain> domains = new ArrayList<>();
  /**
   * The facts of every domain (see {@link DomainFacts}) as the last committed transaction left
   * them, for the next transaction to start from instead of taking a snapshot of every domain; a
   * transaction takes them over (this is then null) and gives them back when it commits. Not
   * part of the state, only a cache.
   */
  java.util.Map<String, DomainFacts> facts;
  /**
   * What the host's files hold for this state and where (see {@link Committed}): what the next
   * write compares with to write only what changed. Set by the reads and writes of
   * {@link StateFiles}; not part of the state.
   */
  Committed committed;

  /** What a state can be put back to (see {@link #reset}). */
  record Mark(int nextDomid, long clockMs, long bootMs, long revision, SimDomain[] domains, SimDomain.Seen[] seen) {}

  /**
   * This state's values and domains as they are now, each domain with its values (see
   * {@link SimDomain#seen}): taken before a transaction of a batch so that, if it fails, it can
   * be undone without disturbing what the transactions before it did. Allocates next to nothing
   * when the domains did not change since they were last looked at.
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

  /** The domain with {@code uuid}, in either case of hex digit (the same uuid, as the state reader sees it). */
  SimDomain byUuid(String uuid) {
    for (SimDomain d : domains) {
      if (d.uuid.equalsIgnoreCase(uuid)) {
        return d;
      }
    }
    return null;
  }

  SimDomain byName(String name) {
    for (SimDomain d : domains) {
      if (d.config.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  SimDomain byId(int id) {
    for (SimDomain d : domains) {
      if (d.id == id) {
        return d;
      }
    }
    return null;
  }

  /** Memory held by all domains, Domain-0 included. */
  long allocatedMiB() {
    long sum = 0;
    for (SimDomain d : domains) {
      sum += d.config.memoryMiB();
    }
    return sum;
  }
}
