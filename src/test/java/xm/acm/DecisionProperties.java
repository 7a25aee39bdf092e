package xm.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Chinese Wall and STE decisions over generated policies and host histories. */
class DecisionProperties {
  private static final List<String> TYPES = List.of("t0", "t1", "t2", "t3", "t4", "t5");

  private static Arbitrary<List<String>> typeSet() {
    return Arbitraries.of(TYPES).set().ofMaxSize(3).map(s -> s.stream().sorted().toList());
  }

  @Provide
  Arbitrary<SecurityPolicy> policies() {
    Arbitrary<List<ConflictSet>> sets =
        typeSet()
            .filter(s -> s.size() >= 2)
            .list()
            .ofMaxSize(3)
            .map(
                l -> {
                  List<ConflictSet> out = new ArrayList<>();
                  for (int i = 0; i < l.size(); i++) {
                    out.add(new ConflictSet("c" + i, l.get(i)));
                  }
                  return out;
                });
    Arbitrary<List<VmLabel>> labels =
        Combinators.combine(typeSet(), typeSet())
            .as((s, c) -> List.of(s, c))
            .list()
            .ofMinSize(1)
            .ofMaxSize(6)
            .map(
                l -> {
                  List<VmLabel> out = new ArrayList<>();
                  for (int i = 0; i < l.size(); i++) {
                    out.add(new VmLabel("L" + i, l.get(i).get(0), l.get(i).get(1)));
                  }
                  return out;
                });
    return Combinators.combine(sets, labels)
        .as((c, l) -> new SecurityPolicy("gen", "1.0", TYPES, TYPES, c, l, List.of(), "L0"));
  }

  /**
   * A host history: each step starts a domain with label index (value >= 0) or stops the domain at
   * index (-value - 1).
   */
  @Provide
  Arbitrary<List<Integer>> histories() {
    return Arbitraries.integers().between(-8, 8).list().ofMaxSize(40);
  }

  /**
   * Written apart from ChineseWall: two type sets clash in C unless one holds none of C or both
   * hold the same single one.
   */
  private static boolean clash(List<String> a, List<String> b, ConflictSet c) {
    Set<String> inA = new HashSet<>(a);
    inA.retainAll(c.types());
    Set<String> inB = new HashSet<>(b);
    inB.retainAll(c.types());
    Set<String> both = new HashSet<>(inA);
    both.addAll(inB);
    return !inA.isEmpty() && !inB.isEmpty() && both.size() > 1;
  }

  private static boolean safe(SecurityPolicy p, List<VmLabel> running) {
    for (int i = 0; i < running.size(); i++) {
      for (int j = i + 1; j < running.size(); j++) {
        for (ConflictSet c : p.conflictSets()) {
          if (clash(running.get(i).chwallTypes(), running.get(j).chwallTypes(), c)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  @Property
  void no_sequence_of_permitted_starts_and_stops_runs_two_conflicting_domains(
      @ForAll("policies") SecurityPolicy p, @ForAll("histories") List<Integer> history) {
    Map<String, String> running = new LinkedHashMap<>();
    int next = 0;
    for (int step : history) {
      if (step >= 0) {
        String label = p.vmLabels().get(step % p.vmLabels().size()).name();
        List<VmLabel> after =
            new ArrayList<>(
                running.values().stream().map(l -> p.vmLabel(l).orElseThrow()).toList());
        after.add(p.vmLabel(label).orElseThrow());
        boolean permitted = ChineseWall.denyStart(p, label, running).isEmpty();
        assertEquals(safe(p, after), permitted, "start " + label + " beside " + running);
        if (permitted) {
          running.put("d" + next++, label);
        }
      } else if (!running.isEmpty()) {
        String victim = new ArrayList<>(running.keySet()).get((-step - 1) % running.size());
        running.remove(victim);
      }
      assertTrue(
          safe(p, running.values().stream().map(l -> p.vmLabel(l).orElseThrow()).toList()),
          running.toString());
      assertTrue(
          ChineseWall.denyLoad(p, running).isEmpty(),
          "the state reached is one the policy could be loaded into");
    }
  }

  @Property
  void a_domain_may_always_start_on_an_empty_host(@ForAll("policies") SecurityPolicy p) {
    for (VmLabel l : p.vmLabels()) {
      assertTrue(ChineseWall.denyStart(p, l.name(), Map.of()).isEmpty());
    }
  }

  @Property
  void ste_access_is_shared_types_and_symmetric(
      @ForAll("labels") VmLabel a, @ForAll("labels") VmLabel b) {
    boolean shared = a.steTypes().stream().anyMatch(b.steTypes()::contains);
    assertEquals(shared, Ste.mayCommunicate(a, b));
    assertEquals(Ste.mayCommunicate(a, b), Ste.mayCommunicate(b, a));
    for (String t : b.steTypes()) {
      assertEquals(a.steTypes().contains(t), Ste.mayUse(a, new ResourceLabel("r", List.of(t))));
    }
  }

  @Property
  void more_types_never_take_access_away(
      @ForAll("labels") VmLabel a, @ForAll("labels") VmLabel b, @ForAll("type") String extra) {
    List<String> more = new ArrayList<>(a.steTypes());
    if (!more.contains(extra)) {
      more.add(extra);
    }
    VmLabel wider = new VmLabel(a.name(), more, a.chwallTypes());
    if (Ste.mayCommunicate(a, b)) {
      assertTrue(Ste.mayCommunicate(wider, b));
    }
    assertFalse(Ste.mayCommunicate(new VmLabel("none", List.of(), List.of()), b));
  }

  @Provide
  Arbitrary<VmLabel> labels() {
    return typeSet().map(s -> new VmLabel("v", s, List.of()));
  }

  @Provide
  Arbitrary<String> type() {
    return Arbitraries.of(TYPES);
  }

  /**
   * A disk is usable exactly when the domain is labeled, the disk holds a resource label of the
   * active policy, and their STE types meet; or when neither is labeled for that policy. A label of
   * another policy is no label at all.
   */
  @Property
  void a_resource_is_usable_iff_labels_of_the_active_policy_share_an_ste_type(
      @ForAll("policies") SecurityPolicy gen,
      @ForAll("type") String resType,
      @ForAll boolean domainLabeled,
      @ForAll("heldBy") String heldBy) {
    SecurityPolicy p =
        new SecurityPolicy(
            gen.name(),
            gen.version(),
            gen.steTypes(),
            gen.chwallTypes(),
            gen.conflictSets(),
            gen.vmLabels(),
            List.of(new ResourceLabel("R", List.of(resType))),
            gen.bootstrap());
    VmLabel vm = p.vmLabels().get(p.vmLabels().size() - 1);
    ResourceAccess.Held held = heldBy.equals("none") ? null : new ResourceAccess.Held(heldBy, "R");
    boolean permitted =
        ResourceAccess.deny(
                p,
                domainLabeled ? vm.name() : null,
                ResourceAccess.Kind.BLOCK,
                "phy:x",
                "phy:/dev/x",
                held)
            .isEmpty();
    boolean heldHere = heldBy.equals(p.name());
    boolean expected = domainLabeled ? heldHere && vm.steTypes().contains(resType) : !heldHere;
    assertEquals(expected, permitted, vm + " " + held);
    ResourceAccess.Held elsewhere = new ResourceAccess.Held("other", "R");
    assertEquals(
        ResourceAccess.deny(
                p,
                domainLabeled ? vm.name() : null,
                ResourceAccess.Kind.BLOCK,
                "phy:x",
                "phy:/dev/x",
                null)
            .isEmpty(),
        ResourceAccess.deny(
                p,
                domainLabeled ? vm.name() : null,
                ResourceAccess.Kind.BLOCK,
                "phy:x",
                "phy:/dev/x",
                elsewhere)
            .isEmpty(),
        "a label of another policy counts as none");
  }

  @Provide
  Arbitrary<String> heldBy() {
    return Arbitraries.of("none", "gen", "other");
  }
}
