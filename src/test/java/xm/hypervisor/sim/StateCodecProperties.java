package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import xm.sxp.SxpPrinter;

/**
 * The state file is written from each domain's cached text when the domain did not change: the
 * result must be exactly what printing the whole state afresh gives, whatever changed in between,
 * and it must read back as the same state.
 */
class StateCodecProperties {
  enum Change {
    MEMORY,
    PAUSE,
    ANNOTATE,
    PIN,
    CPU_TIME,
    RENAME,
    ADD,
    REMOVE,
    REVISION,
    QUOTED_ANNOTATION
  }

  @Provide
  Arbitrary<List<Change>> changes() {
    return Arbitraries.of(Change.class).list().ofMaxSize(30);
  }

  @Property(tries = 200)
  void the_cached_text_is_what_printing_afresh_gives(
      @ForAll("changes") List<Change> changes,
      @ForAll @IntRange(min = 0, max = 6) int domains,
      @ForAll @IntRange(min = 0, max = 1000) int seed) {
    SimState s = new SimState();
    s.domains.add(Domain0.create(HostSpec.defaults("h"), 1000));
    for (int i = 0; i < domains; i++) {
      add(s);
    }
    check(s);
    int k = seed;
    for (Change c : changes) {
      k = k * 31 + 7;
      SimDomain d = s.domains.get(Math.floorMod(k, s.domains.size()));
      switch (c) {
        case MEMORY ->
            d.setConfig(d.config.withMemory(d.config.memoryMiB() + 1, d.config.maxmemMiB() + 1));
        case PAUSE -> d.setPaused(!d.paused);
        case ANNOTATE -> d.annotate("xm/k" + Math.floorMod(k, 3), "v" + k);
        case PIN -> d.pin(0, Set.of(Math.floorMod(k, 4)));
        case CPU_TIME -> d.setCpuTimeSec(d.cpuTimeSec + 0.25);
        case RENAME -> d.setConfig(d.config.withName(d.config.name() + "x"));
        case ADD -> add(s);
        case REMOVE -> {
          if (!d.isDomain0()) {
            s.domains.remove(d);
          }
        }
        case REVISION -> s.revision++;
        case QUOTED_ANNOTATION -> d.annotate("note", "it's \"quoted\" " + k);
      }
      check(s);
    }
  }

  /**
   * A checkpoint brings the facts map up to date in place: it finds exactly the events a comparison
   * of two whole snapshots finds, and leaves the map equal to a fresh snapshot.
   */
  @Property(tries = 200)
  void updating_facts_in_place_finds_what_comparing_snapshots_finds(
      @ForAll("changes") List<Change> changes,
      @ForAll @IntRange(min = 0, max = 6) int domains,
      @ForAll @IntRange(min = 0, max = 1000) int seed) {
    SimState s = new SimState();
    s.domains.add(Domain0.create(HostSpec.defaults("h"), 1000));
    for (int i = 0; i < domains; i++) {
      add(s);
    }
    java.util.Map<String, DomainFacts> facts = DomainFacts.snapshot(s);
    int k = seed;
    for (Change c : changes) {
      java.util.Map<String, DomainFacts> before = new java.util.HashMap<>(facts);
      k = k * 31 + 7;
      SimDomain d = s.domains.get(Math.floorMod(k, s.domains.size()));
      switch (c) {
        case MEMORY ->
            d.setConfig(d.config.withMemory(d.config.memoryMiB() + 1, d.config.maxmemMiB() + 1));
        case PAUSE -> d.setPaused(!d.paused);
        case ANNOTATE -> d.annotate("xm/hold/k" + Math.floorMod(k, 3), "v" + k);
        case PIN -> d.pin(0, Set.of(Math.floorMod(k, 4)));
        case CPU_TIME -> d.setCpuTimeSec(d.cpuTimeSec + 0.25);
        case RENAME -> d.setConfig(d.config.withName(d.config.name() + "x"));
        case ADD -> add(s);
        case REMOVE -> {
          if (!d.isDomain0()) {
            s.domains.remove(d);
          }
        }
        case REVISION -> s.revision++;
        case QUOTED_ANNOTATION -> d.annotate("xm/scope", "s" + k);
      }
      java.util.Comparator<xm.hypervisor.ChangeEvent> order =
          java.util.Comparator.comparing(xm.hypervisor.ChangeEvent::domain)
              .thenComparing(xm.hypervisor.ChangeEvent::field)
              .thenComparing(xm.hypervisor.ChangeEvent::before);
      List<xm.hypervisor.ChangeEvent> expected =
          new java.util.ArrayList<>(diff(before, DomainFacts.snapshot(s), 0, 5, "o"));
      List<xm.hypervisor.ChangeEvent> actual =
          new java.util.ArrayList<>(DomainFacts.update(facts, s, 0, 5, "o"));
      expected.sort(order);
      actual.sort(order);
      assertEquals(expected, actual, c.toString());
      assertEquals(DomainFacts.snapshot(s), facts);
    }
  }

  /**
   * The cached text and facts are used while the values they were derived from still match: every
   * field of a domain must be among those values. Changes each field in turn (a new field fails
   * here until the test knows how to change it, and the cache compares it).
   */
  @org.junit.jupiter.api.Test
  void changing_any_field_of_a_domain_is_written() throws Exception {
    for (java.lang.reflect.Field f : SimDomain.class.getDeclaredFields()) {
      if (!SimStateMarkTest.isStateField(f)) {
        continue;
      }
      SimState s = new SimState();
      s.nextDomid = 8;
      s.domains.add(Domain0.create(HostSpec.defaults("h"), 4));
      SimDomain d = SimStateMarkTest.everyFieldSet();
      if (f.getName().equals("id")) {
        d.inactive = null; // an inactive domain has no id to write
      }
      d.seen = null;
      DomainFacts factsBefore = d.facts();
      s.domains.add(d);
      String before = StateCodec.write(s);
      change(d, f.getName());
      String after = StateCodec.write(s);
      assertEquals(
          SxpPrinter.exact(StateCodec.toSxp(s)),
          after,
          f.getName() + " changed: the text is printed afresh");
      org.junit.jupiter.api.Assertions.assertNotEquals(
          before, after, f.getName() + " is written at all");
      assertEquals(
          DomainFacts.of(d), d.facts(), f.getName() + " changed: the facts are derived afresh");
      if (!DomainFacts.of(d).equals(factsBefore)) {
        org.junit.jupiter.api.Assertions.assertNotSame(factsBefore, d.facts());
      }
    }
  }

  static void change(SimDomain d, String field) {
    switch (field) {
      case "id" -> d.setId(d.id + 1);
      case "uuid" -> d.setUuid("00000000-0000-0000-0000-00000000000a");
      case "config" ->
          d.setConfig(d.config.withMemory(d.config.memoryMiB() + 1, d.config.maxmemMiB()));
      case "onlineVcpus" -> d.setOnlineVcpus(d.onlineVcpus + 1);
      case "affinity" -> d.affinity.get(1).add(3);
      case "paused" -> d.setPaused(!d.paused);
      case "pending" -> d.setPending(new SimDomain.Pending(SimDomain.Pending.Kind.HALT, 5));
      case "endState" -> d.setEndState("shutdown");
      case "cpuTimeSec" -> d.cpuTimeSec += 0.5;
      case "runningSinceMs" -> d.runningSinceMs++;
      case "startMs" -> d.startMs++;
      case "restartCount" -> d.restartCount++;
      case "sched" -> d.setSched(d.sched.withCredit(d.sched.weight() + 1, d.sched.cap()));
      case "pci" -> d.setPci(List.of(new xm.hypervisor.PciDevice(0, 3, 0, 1, null)));
      case "vscsi" ->
          d.setVscsi(List.of(new xm.hypervisor.ScsiDevice("1:0:0:0", "/dev/sdb", "0:0:0:1", 0)));
      case "managed" -> d.setManaged(!d.managed);
      case "persistent" -> d.setPersistent(!d.persistent);
      case "inactive" ->
          d.setInactive(
              d.inactive == null ? "halted" : d.inactive.equals("halted") ? "suspended" : null);
      case "migration" -> d.setMigration(new SimDomain.Migration("other", false, "c"));
      case "vifHandles" -> d.vifHandles.set(0, 5);
      case "annotations" -> d.annotate("xm/scope", "web");
      case "nextVifHandle" -> d.nextVifHandle++;
      default ->
          throw new AssertionError(
              "a new field of SimDomain: "
                  + field
                  + "; say here how to change it, and make sure SimDomain.Seen compares it");
    }
    d.changed(); // as code that sets a field directly must
  }

  /**
   * The events that take {@code before} to {@code after}: the comparison of two whole snapshots.
   */
  private static List<xm.hypervisor.ChangeEvent> diff(
      java.util.Map<String, DomainFacts> before,
      java.util.Map<String, DomainFacts> after,
      long revision,
      long timeMs,
      String origin) {
    List<xm.hypervisor.ChangeEvent> out = new java.util.ArrayList<>();
    for (java.util.Map.Entry<String, DomainFacts> e : before.entrySet()) {
      DomainFacts b = e.getValue();
      DomainFacts a = after.get(e.getKey());
      if (a == null) {
        out.add(
            new xm.hypervisor.ChangeEvent(
                revision, timeMs, b.name(), e.getKey(), "domain", b.domain(), "(none)", origin));
      } else if (a != b && !a.equals(b)) {
        for (String f : DomainFacts.FIELDS) {
          if (!java.util.Objects.equals(b.get(f), a.get(f))) {
            out.add(
                new xm.hypervisor.ChangeEvent(
                    revision, timeMs, a.name(), e.getKey(), f, b.get(f), a.get(f), origin));
          }
        }
      }
    }
    for (java.util.Map.Entry<String, DomainFacts> e : after.entrySet()) {
      if (!before.containsKey(e.getKey())) {
        out.add(
            new xm.hypervisor.ChangeEvent(
                revision,
                timeMs,
                e.getValue().name(),
                e.getKey(),
                "domain",
                "(none)",
                e.getValue().domain(),
                origin));
      }
    }
    out.sort(java.util.Comparator.comparing(xm.hypervisor.ChangeEvent::domain));
    return out;
  }

  private static void add(SimState s) {
    SimDomain d = new SimDomain();
    d.setId(s.nextDomid++);
    d.setUuid(SimHost.newUuid("h", "d" + d.id, d.id, 1000));
    d.setConfig(TestHosts.config("d" + d.id, 64).withUuid(d.uuid));
    d.setOnlineVcpus(1);
    s.domains.add(d);
  }

  private static void check(SimState s) {
    String written = StateCodec.write(s);
    assertEquals(SxpPrinter.exact(StateCodec.toSxp(s)), written);
    assertEquals(
        written,
        StateCodec.write(StateCodec.read("state.sxp", written)),
        "reads back as the same state");
  }
}
