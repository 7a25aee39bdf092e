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
  enum Change { MEMORY, PAUSE, ANNOTATE, PIN, CPU_TIME, RENAME, ADD, REMOVE, REVISION, QUOTED_ANNOTATION }

  @Provide
  Arbitrary<List<Change>> changes() {
    return Arbitraries.of(Change.class).list().ofMaxSize(30);
  }

  @Property(tries = 200)
  void the_cached_text_is_what_printing_afresh_gives(@ForAll("changes") List<Change> changes,
      @ForAll @IntRange(min = 0, max = 6) int domains, @ForAll @IntRange(min = 0, max = 1000) int seed) {
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
        case MEMORY -> d.config = d.config.withMemory(d.config.memoryMiB() + 1, d.config.maxmemMiB() + 1);
        case PAUSE -> d.paused = !d.paused;
        case ANNOTATE -> d.annotations.put("xm/k" + Math.floorMod(k, 3), "v" + k);
        case PIN -> d.pin(0, Set.of(Math.floorMod(k, 4)));
        case CPU_TIME -> d.cpuTimeSec += 0.25;
        case RENAME -> d.config = d.config.withName(d.config.name() + "x");
        case ADD -> add(s);
        case REMOVE -> {
          if (!d.isDomain0()) {
            s.domains.remove(d);
          }
        }
        case REVISION -> s.revision++;
        case QUOTED_ANNOTATION -> d.annotations.put("note", "it's \"quoted\" " + k);
      }
      check(s);
    }
  }

  private static void add(SimState s) {
    SimDomain d = new SimDomain();
    d.id = s.nextDomid++;
    d.uuid = SimHost.newUuid("h", "d" + d.id, d.id, 1000);
    d.config = TestHosts.config("d" + d.id, 64).withUuid(d.uuid);
    d.onlineVcpus = 1;
    s.domains.add(d);
  }

  private static void check(SimState s) {
    String written = StateCodec.write(s);
    assertEquals(SxpPrinter.exact(StateCodec.toSxp(s)), written);
    assertEquals(written, StateCodec.write(StateCodec.read("state.sxp", written)), "reads back as the same state");
  }
}
