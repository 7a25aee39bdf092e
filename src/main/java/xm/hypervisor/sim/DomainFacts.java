package xm.hypervisor.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import xm.hypervisor.ChangeEvent;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.VifSpec;

/**
 * What a change event can be about, for one domain at one moment. A transaction snapshots every
 * domain when it starts and compares when it commits, so every way of changing a domain (a command,
 * a guest shutting down, a migration, a recovery) yields its events without each code path having
 * to remember them.
 */
record DomainFacts(
    String name,
    String domain,
    String memory,
    String maxmem,
    String vcpus,
    String state,
    String disks,
    String vifs,
    String managed,
    String scope,
    String holds,
    String sched) {

  static final List<String> FIELDS =
      List.of(
          "domain", "memory", "maxmem", "vcpus", "state", "disks", "vifs", "managed", "scope",
          "holds", "sched");

  static DomainFacts of(SimDomain d) {
    return new DomainFacts(
        d.config.name(),
        d.isActive() ? "id " + d.id : "defined",
        d.config.memoryMiB() + " MiB",
        d.config.maxmemMiB() + " MiB",
        Integer.toString(d.onlineVcpus),
        state(d),
        disks(d.config.disks()),
        vifs(d.config.vifs()),
        d.managed ? "yes" : "no",
        d.annotations.getOrDefault("xm/scope", "(none)"),
        holds(d.annotations),
        "weight " + d.sched.weight() + " cap " + d.sched.cap());
  }

  /** Every domain of {@code s} by uuid (a domain that did not change keeps its facts object). */
  static Map<String, DomainFacts> snapshot(SimState s) {
    Map<String, DomainFacts> out = new HashMap<>(s.domains.size() * 2);
    for (SimDomain d : s.domains) {
      out.put(d.uuid, d.facts());
    }
    return out;
  }

  /**
   * The events that take {@code facts} (every domain by uuid, as of the last checkpoint) to the
   * domains of {@code s} now, in domain name order; brings {@code facts} up to date in place. Looks
   * only at the domains that joined, left or changed since the last checkpoint (the uuids {@code s}
   * recorded, see SimState#takeTouched), so a checkpoint costs what changed, not the size of the
   * host. Gives the events {@link #updateFully} gives (a property test, and every checkpoint when
   * assertions are on, hold it to that).
   */
  static List<ChangeEvent> update(
      Map<String, DomainFacts> facts, SimState s, long revision, long timeMs, String origin) {
    List<ChangeEvent> out = new ArrayList<>();
    List<ChangeEvent> removed = new ArrayList<>();
    List<ChangeEvent> added = new ArrayList<>();
    for (String uuid : s.takeTouched()) {
      SimDomain d = s.byExactUuid(uuid);
      DomainFacts b = facts.get(uuid);
      if (d == null) {
        if (b != null) {
          removed.add(
              new ChangeEvent(
                  revision, timeMs, b.name, uuid, "domain", b.domain, "(none)", origin));
          facts.remove(uuid);
        }
        continue;
      }
      DomainFacts a = d.facts();
      if (b == null) {
        added.add(
            new ChangeEvent(revision, timeMs, a.name, uuid, "domain", "(none)", a.domain, origin));
        facts.put(uuid, a);
      } else if (a != b && !a.equals(b)) {
        for (String f : FIELDS) {
          if (!Objects.equals(b.get(f), a.get(f))) {
            out.add(new ChangeEvent(revision, timeMs, a.name, uuid, f, b.get(f), a.get(f), origin));
          }
        }
        facts.put(uuid, a);
      }
    }
    // as updateFully orders them: changes, then domains gone, then new ones, each by name
    out.addAll(removed);
    out.addAll(added);
    out.sort(java.util.Comparator.comparing(ChangeEvent::domain));
    return out;
  }

  /**
   * As {@link #update}, by looking at every domain of {@code s}: the comparison the events of
   * {@link #update} are checked against (by tests, and at every checkpoint when assertions are on).
   * Unchanged domains cost a lookup each (their facts object is the one already there).
   */
  static List<ChangeEvent> updateFully(
      Map<String, DomainFacts> facts, SimState s, long revision, long timeMs, String origin) {
    List<ChangeEvent> out = new ArrayList<>();
    List<ChangeEvent> added = new ArrayList<>();
    int kept = 0;
    for (SimDomain d : s.domains) {
      DomainFacts a = d.facts();
      DomainFacts b = facts.get(d.uuid);
      if (b == null) {
        added.add(
            new ChangeEvent(
                revision, timeMs, a.name, d.uuid, "domain", "(none)", a.domain, origin));
        facts.put(d.uuid, a);
        continue;
      }
      kept++;
      if (a != b && !a.equals(b)) {
        for (String f : FIELDS) {
          if (!Objects.equals(b.get(f), a.get(f))) {
            out.add(
                new ChangeEvent(revision, timeMs, a.name, d.uuid, f, b.get(f), a.get(f), origin));
          }
        }
        facts.put(d.uuid, a);
      }
    }
    if (kept + added.size() < facts.size()) {
      java.util.Set<String> present = new java.util.HashSet<>(s.domains.size() * 2);
      for (SimDomain d : s.domains) {
        present.add(d.uuid);
      }
      for (java.util.Iterator<Map.Entry<String, DomainFacts>> it = facts.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<String, DomainFacts> e = it.next();
        if (!present.contains(e.getKey())) {
          DomainFacts b = e.getValue();
          out.add(
              new ChangeEvent(
                  revision, timeMs, b.name, e.getKey(), "domain", b.domain, "(none)", origin));
          it.remove();
        }
      }
    }
    out.addAll(added);
    out.sort(java.util.Comparator.comparing(ChangeEvent::domain));
    return out;
  }

  String get(String field) {
    return switch (field) {
      case "domain" -> domain;
      case "memory" -> memory;
      case "maxmem" -> maxmem;
      case "vcpus" -> vcpus;
      case "state" -> state;
      case "disks" -> disks;
      case "vifs" -> vifs;
      case "managed" -> managed;
      case "scope" -> scope;
      case "holds" -> holds;
      case "sched" -> sched;
      default -> throw new IllegalArgumentException(field);
    };
  }

  private static String state(SimDomain d) {
    if (!d.isActive()) {
      return d.inactive;
    }
    if (d.endState != null) {
      return "shutdown".equals(d.endState) ? "shut down" : d.endState;
    }
    if (d.pending != null) {
      return "shutting down";
    }
    return d.paused ? "paused" : "running";
  }

  private static String disks(List<DiskSpec> disks) {
    List<String> out = new ArrayList<>();
    for (DiskSpec s : disks) {
      out.add((s.uname().isEmpty() ? "(empty)" : s.uname()) + " " + s.dev() + " " + s.mode());
    }
    return out.isEmpty() ? "(none)" : String.join(", ", out);
  }

  private static String vifs(List<VifSpec> vifs) {
    List<String> out = new ArrayList<>();
    for (VifSpec v : vifs) {
      out.add(v.options().toString());
    }
    return out.isEmpty() ? "(none)" : String.join(", ", out);
  }

  private static String holds(Map<String, String> annotations) {
    List<String> out = new ArrayList<>();
    for (String k : annotations.keySet()) {
      if (k.startsWith("xm/hold/")) {
        out.add(k.substring("xm/hold/".length()));
      }
    }
    return out.isEmpty() ? "(none)" : String.join(", ", out);
  }
}
