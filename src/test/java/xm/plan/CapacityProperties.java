package xm.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.diag.Diagnostic;
import xm.diag.Location;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.PowerState;
import xm.hypervisor.StateFlags;

/**
 * Capacity admission against a brute-force oracle: a plan is admitted exactly when no order the
 * applier may run it in (steps one after another, the changes of a step interleaved in any way, the
 * operations of a change in order) ever needs more memory on a host than it has.
 */
class CapacityProperties {
  static final List<String> HOSTS = List.of("a", "b");
  static final Location HERE = new Location("test", 1, 1);

  /** One generated change: what it does to domain {@code name}. */
  record Gen(String kind, int name, int host, long mib, int wave) {}

  @Property(tries = 400)
  void admitted_iff_every_interleaving_fits(
      @ForAll("plans") List<Gen> gens, @ForAll("totals") List<Long> totals) {
    Map<String, Observed> hosts = new HashMap<>();
    Map<String, long[]> running = new HashMap<>();
    List<DomainInfo> onA = new ArrayList<>();
    List<DomainInfo> onB = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      long mem = 100 + 50L * i;
      String host = HOSTS.get(i % 2);
      (i % 2 == 0 ? onA : onB).add(info("d" + i, mem));
      running.put("d" + i, new long[] {i % 2, mem});
    }
    hosts.put("a", observed("a", totals.get(0), onA));
    hosts.put("b", observed("b", totals.get(1), onB));
    for (Observed o : hosts.values()) {
      net.jqwik.api.Assume.that(o.freeMemoryMiB() >= 0);
    }
    List<Change> changes = new ArrayList<>();
    java.util.Set<String> used = new java.util.HashSet<>();
    for (Gen g : gens) {
      Change c = change(g, running);
      if (c != null && used.add(c.domain())) {
        changes.add(c);
      }
    }
    List<Diagnostic> problems = new ArrayList<>();
    Capacity.check(changes, hosts, problems);
    boolean fits = Oracle.fits(changes, hosts);
    assertEquals(fits, problems.isEmpty(), changes + " -> " + problems);
  }

  private static Change change(Gen g, Map<String, long[]> running) {
    String name = "d" + g.name();
    String host = HOSTS.get(g.host());
    long[] cur = running.get(name);
    String curHost = cur == null ? null : HOSTS.get((int) cur[0]);
    List<Op> ops = new ArrayList<>();
    Action action;
    switch (g.kind()) {
      case "create" -> {
        if (cur != null) {
          return null;
        }
        ops.add(new Op.Create(host, config(name, g.mib()), false, Map.of()));
        action = Action.CREATE;
      }
      case "stop" -> {
        if (cur == null) {
          return null;
        }
        ops.add(new Op.Stop(curHost, name, null));
        action = g.wave() == 0 ? Action.STOP : Action.DESTROY;
      }
      case "memset" -> {
        if (cur == null) {
          return null;
        }
        ops.add(new Op.MemSet(curHost, name, null, g.mib()));
        action = Action.UPDATE;
      }
      case "replace" -> {
        if (cur == null) {
          return null;
        }
        ops.add(new Op.Stop(curHost, name, null));
        ops.add(new Op.Create(host, config(name, g.mib()), false, Map.of()));
        action = Action.REPLACE;
      }
      default -> {
        if (cur == null) {
          return null;
        }
        ops.add(new Op.Migrate(curHost, name, null, host));
        ops.add(new Op.MemSet(host, name, null, g.mib()));
        action = Action.MIGRATE;
      }
    }
    return new Change(host, name, action, List.of(), ops, List.of(), List.of(), "", g.wave(), HERE);
  }

  static DomainConfig config(String name, long mib) {
    return new DomainConfig(
        name, null, "linux", "/k", null, "", mib, mib * 4, 1, 1, null, null, null, null, List.of(),
        List.of(), List.of(), null, Map.of());
  }

  static DomainInfo info(String name, long mib) {
    return new DomainInfo(
        1,
        "u-" + name,
        config(name, mib),
        mib,
        mib * 4,
        1,
        PowerState.RUNNING,
        new StateFlags(false, true, false, false, false, false),
        0,
        0,
        0,
        List.of(),
        true,
        List.of(),
        List.of(),
        List.of(),
        Map.of());
  }

  static Observed observed(String host, long total, List<DomainInfo> doms) {
    long used = 256 + doms.stream().mapToLong(DomainInfo::memoryMiB).sum();
    return new Observed(host, true, total, total - used, 8, doms, null, 0);
  }

  @Provide
  Arbitrary<List<Gen>> plans() {
    Arbitrary<Gen> g =
        Combinators.combine(
                Arbitraries.of("create", "stop", "memset", "replace", "migrate"),
                Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(0, 1),
                Arbitraries.longs().between(1, 20).map(x -> x * 50),
                Arbitraries.integers().between(0, 1))
            .as(Gen::new);
    return g.list().ofMaxSize(7);
  }

  @Provide
  Arbitrary<List<Long>> totals() {
    return Arbitraries.longs().between(10, 40).map(x -> x * 50).list().ofSize(2);
  }
}
