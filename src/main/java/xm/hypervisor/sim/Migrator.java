package xm.hypervisor.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import xm.diag.XmException;

/**
 * Moves a domain between two simulated hosts so that it is never lost and never runs twice, even
 * when the process is killed between any two steps. Both hosts are locked (in a fixed order, so two
 * migrations never deadlock) and four commits are made:
 *
 * <ol>
 *   <li>source: the domain is marked outgoing with a token;
 *   <li>target: a copy is added, marked incoming with the same token (not yet running);
 *   <li>source: the domain is removed;
 *   <li>target: the mark is cleared and the copy runs.
 * </ol>
 *
 * Any later transaction that finds a mark first calls {@link #recover}: an outgoing mark whose copy
 * never arrived is rolled back; anything further along is completed.
 */
final class Migrator {
  /** Test hook: a process with {@code -Dxm.sim.crashAfterMigrationStep=N} halts after step N. */
  static final String CRASH_PROPERTY = "xm.sim.crashAfterMigrationStep";

  private Migrator() {}

  static void migrate(
      SimHost src, String ref, String target, boolean live, int resourceMbs, String origin) {
    if (target.contains("://")) {
      throw XmException.error(
          "can't migrate "
              + ref
              + " from the simulated host '"
              + src.name()
              + "' to the libvirt host "
              + target
              + ": a domain moves only between hosts of one kind (save it, and restore the file there)");
    }
    if (target.equals(src.name())) {
      migrateInPlace(src, ref, live, origin);
      return;
    }
    src.tx(
        null,
        false,
        t -> {
          SimDomain dom = SimHost.find(t.state, ref);
          if (dom.isDomain0()) {
            throw XmException.error("Cannot migrate privileged domain " + ref);
          }
          if (!dom.isLive() || dom.pending != null) {
            throw XmException.error("Domain is not running");
          }
          if (!dom.vscsi.isEmpty()) {
            throw XmException.error(
                "Cannot migrate "
                    + ref
                    + ": it has SCSI devices passed through; detach them with"
                    + " xm scsi-detach first");
          }
          if (!dom.pci.isEmpty()) { // a passed-through device belongs to this machine
            throw XmException.error(
                "Cannot migrate "
                    + ref
                    + ": it has PCI devices passed through ("
                    + dom.pci.stream()
                        .map(xm.hypervisor.PciDevice::bdf)
                        .collect(java.util.stream.Collectors.joining(", "))
                    + "); detach them with xm pci-detach first");
          }
          return null;
        });
    SimHost dst;
    try {
      dst = src.hosts().open(target);
    } catch (XmException e) {
      throw XmException.error(
          "can't connect: "
              + e.getMessage()
                  .replace("Unable to connect to xend: ", "")
                  .replace(". Is xend running?", ""));
    }
    src.tx(null, false, t -> null); // recover any earlier interrupted migration first
    dst.tx(null, false, t -> null);
    try (Locks locks = Locks.of(src, dst)) {
      Tx s = begin(src, origin);
      Tx d = begin(dst, origin);
      SimDomain dom = SimHost.find(s.state, ref);
      if (dom.isDomain0()) {
        throw XmException.error("Cannot migrate privileged domain " + ref);
      }
      if (!dom.isLive() || dom.pending != null) {
        throw XmException.error("Domain is not running");
      }
      String token = UUID.randomUUID().toString();
      boolean wasPaused = dom.paused;
      dom.accrue(s.now, Lifecycle.utilisation(dom));
      dom.setRunningSinceMs(-1);
      dom.setMigration(new SimDomain.Migration(token, true, dst.name()));
      s.log(
          "INFO",
          "Migrating domain "
              + dom.config.name()
              + " ("
              + dom.id
              + ") to "
              + dst.name()
              + (live ? " (live" : " (")
              + (resourceMbs > 0 ? ", at most " + resourceMbs + " Mb/s)" : ")")
              + ".");
      src.commit(s);
      crashPoint(1);

      SimDomain copy = StateCodec.domainFromSxp(StateCodec.domainToSxp(dom), "migration");
      try {
        copy = Admission.admit(d, copy.config, copy, AccessControl.of(dst));
      } catch (XmException e) {
        dom.setMigration(null);
        dom.setRunningSinceMs(dom.paused ? -1 : s.now);
        s.log(
            "ERROR",
            "Migration of "
                + dom.config.name()
                + " to "
                + dst.name()
                + " refused: "
                + e.getMessage());
        src.commit(s);
        throw XmException.error("migration to " + dst.name() + " refused: " + e.getMessage());
      }
      copy.setId(d.state.nextDomid++);
      copy.setPaused(wasPaused);
      copy.setRunningSinceMs(-1);
      copy.setMigration(new SimDomain.Migration(token, false, src.name()));
      d.state.domains.add(copy);
      d.dirty = true;
      dst.commit(d);
      crashPoint(2);

      s.state.domains.remove(dom);
      s.log(
          "INFO",
          "Domain " + dom.config.name() + " (" + dom.id + ") migrated to " + dst.name() + ".");
      src.commit(s);
      crashPoint(3);

      finish(d, copy);
      dst.commit(d);
    }
  }

  private static void migrateInPlace(SimHost host, String ref, boolean live, String origin) {
    host.tx(
        origin,
        true,
        t -> {
          SimDomain dom = SimHost.find(t.state, ref);
          if (dom.isDomain0()) {
            throw XmException.error("Cannot migrate privileged domain " + ref);
          }
          if (!dom.isLive() || dom.pending != null) {
            throw XmException.error("Domain is not running");
          }
          int old = dom.id;
          dom.accrue(t.now, Lifecycle.utilisation(dom));
          dom.setId(t.state.nextDomid++);
          t.log(
              "INFO",
              "Domain "
                  + dom.config.name()
                  + " ("
                  + old
                  + ") migrated to localhost as id "
                  + dom.id
                  + ".");
          return null;
        });
  }

  private static void finish(Tx d, SimDomain copy) {
    copy.setMigration(null);
    copy.setRunningSinceMs(copy.paused ? -1 : d.now);
    d.console(copy, "");
    d.console(copy, "Migrated to " + d.spec.name() + ".");
    d.log("INFO", "Domain " + copy.config.name() + " (" + copy.id + ") arrived by migration.");
  }

  /** Completes or rolls back every migration mark on {@code host} (and its peers). */
  static void recover(SimHost host) {
    Set<String> peers = new LinkedHashSet<>();
    try (StateStore.Lock lock = host.store().lock()) {
      for (SimDomain d : host.load().domains) {
        if (d.migration != null) {
          peers.add(d.migration.peer());
        }
      }
    }
    for (String peerName : peers) {
      SimHost peer = host.hosts().exists(peerName) ? host.hosts().open(peerName) : null;
      try (Locks locks = peer == null ? Locks.of(host) : Locks.of(host, peer)) {
        Tx h = begin(host, null);
        Tx p = peer == null ? null : begin(peer, null);
        for (SimDomain d : new ArrayList<>(h.state.domains)) {
          if (d.migration == null || !d.migration.peer().equals(peerName)) {
            continue;
          }
          SimDomain other =
              p == null ? null : find(p.state, d.migration.token(), !d.migration.outgoing());
          if (d.migration.outgoing()) {
            if (other == null) {
              d.setMigration(null);
              d.setRunningSinceMs(d.paused ? -1 : h.now);
              h.log(
                  "WARNING",
                  "Interrupted migration of " + d.config.name() + " rolled back; it stays here.");
            } else {
              h.state.domains.remove(d);
              h.log("WARNING", "Interrupted migration of " + d.config.name() + " completed.");
              finish(p, other);
            }
          } else {
            if (other != null) {
              p.state.domains.remove(other);
              p.log("WARNING", "Interrupted migration of " + other.config.name() + " completed.");
            }
            finish(h, d);
          }
          h.dirty = true;
        }
        host.commit(h);
        if (p != null) {
          peer.commit(p);
        }
      }
    }
  }

  private static SimDomain find(SimState s, String token, boolean outgoing) {
    for (SimDomain d : s.domains) {
      if (d.migration != null
          && d.migration.token().equals(token)
          && d.migration.outgoing() == outgoing) {
        return d;
      }
    }
    return null;
  }

  private static Tx begin(SimHost host, String origin) {
    SimState st = host.load();
    Tx t = new Tx(host.spec(), st, host.now(st), origin);
    Lifecycle.catchUp(t, t.now);
    return t;
  }

  private static void crashPoint(int step) {
    String at = System.getProperty(CRASH_PROPERTY);
    if (at != null && at.equals(Integer.toString(step))) {
      Runtime.getRuntime().halt(137);
    }
  }

  /** Several hosts' locks, taken in the order of their directories and released together. */
  private static final class Locks implements AutoCloseable {
    private final List<StateStore.Lock> held = new ArrayList<>();

    static Locks of(SimHost... hosts) {
      List<SimHost> ordered = new ArrayList<>(List.of(hosts));
      ordered.sort(Comparator.comparing(h -> h.dir().toString()));
      Locks l = new Locks();
      try {
        for (SimHost h : ordered) {
          l.held.add(h.store().lock());
        }
      } catch (RuntimeException e) {
        l.close();
        throw e;
      }
      return l;
    }

    @Override
    public void close() {
      for (int i = held.size() - 1; i >= 0; i--) {
        held.get(i).close();
      }
    }
  }
}
