package xm.hypervisor.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a simulated host remembers between commands, as read from and written to
 * {@code state.sxp}. Mutable; owned by one transaction at a time.
 */
final class SimState {
  /** The id the next domain gets; ids are never reused while the host runs. */
  int nextDomid = 1;
  /** The manual clock's reading (epoch ms); unused with the wall clock. */
  long clockMs;
  /** When the host booted (epoch ms). */
  long bootMs;
  /** Grows by one with every committed change (see Hypervisor#revision). */
  long revision;
  final List<SimDomain> domains = new ArrayList<>();

  /** A copy that shares nothing mutable with this state (see {@link SimDomain#copy}). */
  SimState copy() {
    SimState c = new SimState();
    c.nextDomid = nextDomid;
    c.clockMs = clockMs;
    c.bootMs = bootMs;
    c.revision = revision;
    for (SimDomain d : domains) {
      c.domains.add(d.copy());
    }
    return c;
  }

  SimDomain byUuid(String uuid) {
    for (SimDomain d : domains) {
      if (d.uuid.equals(uuid)) {
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
