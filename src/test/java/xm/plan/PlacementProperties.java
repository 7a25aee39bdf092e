package xm.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.bench.PlanBenchmark;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.PowerState;
import xm.hypervisor.StateFlags;
import xm.spec.SpecLoader;
import xm.spec.SpecSet;

/**
 * Issue #8 item 3, at the planner: wherever a domain is declared (a host named or the default host,
 * whichever that is) and wherever copies of it are found (none, one, several hosts; managed by this
 * scope, by another, or by nobody), the plan either leaves exactly one copy, on the host the spec
 * places it on, or is refused, and only for a reason the specs cannot settle (a copy that is not
 * this scope's, or several copies none of which is where the spec says). It never touches a copy
 * this scope does not manage, and a prune removes every copy of an undeclared name. The plan's
 * operations are played on a model of the placements (create, stop, migrate).
 */
class PlacementProperties {
  static final List<String> HOSTS = List.of("a", "b", "c");
  static final String SCOPE = PlanOptions.DEFAULT_SCOPE;

  /** Who owns a copy found on a host. */
  enum Owner {
    MINE,
    OTHER_SCOPE,
    NOBODY
  }

  /**
   * One name: whether the specs declare it and on which host (null: the default host), and the
   * copies the hosts run, by host.
   */
  record Name(String name, boolean declared, String specHost, Map<String, Owner> copies) {}

  record Case(List<Name> names, String defaultHost, boolean prune, boolean allowEmpty) {}

  @Property(tries = 400)
  void a_domain_ends_on_one_host_the_spec_names_or_the_plan_is_refused(@ForAll("cases") Case c) {
    SpecSet specs = SpecLoader.parse("s.yaml", yaml(c));
    PlanOptions o =
        new PlanOptions(c.prune(), false, false, c.defaultHost(), SCOPE, Set.of(), c.allowEmpty());
    Plan plan = Planner.plan(specs, observe(c), o);
    assertEquals(plan, Planner.plan(specs, observe(c), o), "deterministic");
    String why = expectedRefusal(c);
    if (why != null) {
      assertTrue(plan.refused(), c + ": expected a refusal (" + why + "), got " + plan.changes());
      return;
    }
    assertFalse(plan.refused(), c + ": " + plan.problems());
    Map<String, Map<String, Owner>> after = play(c, plan);
    for (Name n : c.names()) {
      Map<String, Owner> copies = after.getOrDefault(n.name(), Map.of());
      if (n.declared()) {
        String host = n.specHost() != null ? n.specHost() : c.defaultHost();
        assertEquals(
            Map.of(host, Owner.MINE), copies, c + ": " + n.name() + " after " + plan.changes());
      } else {
        Map<String, Owner> kept = new TreeMap<>(n.copies());
        if (c.prune()) {
          kept.values().removeIf(w -> w == Owner.MINE);
        }
        assertEquals(kept, copies, c + ": " + n.name() + " (not declared) after " + plan.changes());
      }
    }
  }

  /** Why the plan must be refused, or null when it must not be. */
  static String expectedRefusal(Case c) {
    boolean anyDeclared = false;
    boolean anyMine = false;
    for (Name n : c.names()) {
      anyDeclared |= n.declared();
      anyMine |= !n.declared() && n.copies().containsValue(Owner.MINE);
      if (!n.declared()) {
        continue;
      }
      if (n.copies().values().stream().anyMatch(w -> w != Owner.MINE)) {
        return n.name() + " has a copy that is not this scope's";
      }
      String host = n.specHost() != null ? n.specHost() : c.defaultHost();
      if (n.copies().size() > 1 && !n.copies().containsKey(host)) {
        return n.name() + " runs on several hosts, none of them " + host;
      }
    }
    if (c.prune() && !c.allowEmpty() && !anyDeclared && anyMine) {
      return "the specs declare nothing and prune would remove everything";
    }
    return null;
  }

  /** The placements after the plan's operations: name -> host -> owner. */
  static Map<String, Map<String, Owner>> play(Case c, Plan plan) {
    Map<String, Map<String, Owner>> where = new TreeMap<>();
    for (Name n : c.names()) {
      where.put(n.name(), new TreeMap<>(n.copies()));
    }
    for (Change ch : plan.changes()) {
      for (Op op : ch.ops()) {
        Map<String, Owner> copies = where.computeIfAbsent(op.domain(), k -> new TreeMap<>());
        if (op instanceof Op.Create) {
          assertFalse(
              copies.containsKey(op.host()),
              "creates a second " + op.domain() + " on " + op.host());
          copies.put(op.host(), Owner.MINE);
        } else if (op instanceof Op.Stop) {
          assertEquals(
              Owner.MINE, copies.remove(op.host()), "stops what is not this scope's: " + op);
        } else if (op instanceof Op.Migrate m) {
          assertEquals(
              Owner.MINE, copies.remove(m.host()), "moves what is not this scope's: " + op);
          assertFalse(copies.containsKey(m.target()), "migrates onto a copy: " + op);
          copies.put(m.target(), Owner.MINE);
        } else if (op.host() != null) {
          assertEquals(
              Owner.MINE, copies.get(op.host()), "changes what is not this scope's: " + op);
        }
      }
    }
    where.values().removeIf(Map::isEmpty);
    return where;
  }

  static List<Observed> observe(Case c) {
    Map<String, List<DomainInfo>> byHost = new HashMap<>();
    int id = 1;
    for (Name n : c.names()) {
      for (Map.Entry<String, Owner> e : n.copies().entrySet()) {
        byHost
            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(domain(n.name(), e.getKey(), e.getValue(), id++));
      }
    }
    List<Observed> out = new ArrayList<>();
    for (String h : HOSTS) {
      out.add(
          new Observed(
              h,
              true,
              1L << 20,
              1L << 19,
              8,
              byHost.getOrDefault(h, List.of()),
              PlanBenchmark.SIM_LIKE,
              0));
    }
    return out;
  }

  static DomainInfo domain(String name, String host, Owner owner, int id) {
    DomainConfig cfg =
        new DomainConfig(
            name, null, "linux", "/k", null, "", 64, 64, 1, 1, null, null, null, null, List.of(),
            List.of(), List.of(), null, Map.of());
    Map<String, String> annotations =
        switch (owner) {
          case MINE -> Map.of(Scopes.KEY, SCOPE);
          case OTHER_SCOPE -> Map.of(Scopes.KEY, "other");
          case NOBODY -> Map.of();
        };
    return new DomainInfo(
        id,
        name + "-" + host,
        cfg,
        64,
        64,
        1,
        PowerState.RUNNING,
        new StateFlags(false, true, false, false, false, false),
        0,
        0,
        0,
        List.of(),
        owner != Owner.NOBODY,
        List.of(),
        List.of(),
        List.of(),
        annotations);
  }

  static String yaml(Case c) {
    StringBuilder b = new StringBuilder();
    for (Name n : c.names()) {
      if (n.declared()) {
        b.append("apiVersion: xm/v1\nkind: Domain\nmetadata: {name: ")
            .append(n.name())
            .append(n.specHost() == null ? "" : ", host: " + n.specHost())
            .append("}\nspec: {kernel: /k, memory: 64, maxmem: 64, vcpus: 1, maxvcpus: 1}\n---\n");
      }
    }
    return b.toString();
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<String> host = Arbitraries.of(HOSTS);
    return Combinators.combine(
            name("d0"),
            name("d1"),
            name("d2"),
            Arbitraries.integers().between(1, 3),
            host,
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(
            (d0, d1, d2, n, def, prune, allowEmpty) ->
                new Case(List.of(d0, d1, d2).subList(0, n), def, prune, allowEmpty));
  }

  Arbitrary<Name> name(String name) {
    Arbitrary<Owner> owner =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.just(Owner.MINE)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(Owner.OTHER_SCOPE)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(Owner.NOBODY)));
    Arbitrary<Map<String, Owner>> copies =
        Arbitraries.maps(Arbitraries.of(HOSTS), owner).ofMaxSize(3).map(TreeMap::new);
    return Combinators.combine(
            Arbitraries.integers().between(0, 3), Arbitraries.of(true, true, false), copies)
        .as((h, declared, cs) -> new Name(name, declared, h == 0 ? null : HOSTS.get(h - 1), cs));
  }
}
