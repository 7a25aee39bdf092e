package xm.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.hypervisor.DomainInfo;
import xm.plan.Action;
import xm.plan.Change;
import xm.plan.FieldChange;
import xm.plan.Op;
import xm.plan.Plan;
import xm.spec.SpecLoader;
import xm.spec.SpecSet;

/**
 * Over generated fleets: starting from whatever an earlier spec set (plus an unmanaged domain and
 * some imperative drift) left on two hosts, applying a spec set converges (planning again finds
 * nothing to do), a second apply changes nothing, plans are deterministic, unmanaged domains and
 * Domain-0 are never touched, and fields that can change live are changed live.
 */
class ReconcileProperties {

  @Property(tries = 40)
  void apply_converges_and_is_idempotent(
      @ForAll("fleets") List<SpecGen.Dom> before, @ForAll("fleets") List<SpecGen.Dom> after)
      throws Exception {
    try (Fleet fleet = new Fleet("a", "b")) {
      SpecSet first = SpecLoader.parse("before.yaml", SpecGen.yaml(before));
      SpecSet second = SpecLoader.parse("after.yaml", SpecGen.yaml(after));
      var unmanaged =
          fleet
              .host("a")
              .create(xm.hypervisor.sim.TestConfigs.config("handmade", 64), false, "test");
      apply(fleet, fleet.plan(first, true, true));
      for (DomainInfo d : fleet.host("a").domains()) {
        if (d.managed() && d.power() == xm.hypervisor.PowerState.RUNNING) {
          fleet.host("a").setMemory(d.name(), Math.max(32, d.memoryMiB() / 2), "xm mem-set");
        }
      }
      Plan plan = fleet.plan(second, true, true);
      assertEquals(plan, fleet.plan(second, true, true), "plans are deterministic");
      for (Change c : plan.changes()) {
        for (Op op : c.ops()) {
          assertFalse(
              op.domain().equals("handmade") || op.domain().equals("Domain-0"), "touches " + op);
        }
        for (FieldChange f : c.fields()) {
          boolean restartOnly = f.operation().startsWith("restart");
          assertEquals(!restartOnly, f.live(), f.toString());
        }
      }
      List<Outcome> outcomes = apply(fleet, plan);
      for (Outcome o : outcomes) {
        assertEquals(Status.SUCCEEDED, o.status(), o.toString());
      }
      Plan again = fleet.plan(second, true, true);
      for (Change c : again.changes()) {
        assertTrue(c.ops().isEmpty(), "converged, but still: " + c);
        assertFalse(c.isDrift() && c.action() != Action.NOOP, "no drift left: " + c);
      }
      assertTrue(apply(fleet, again).isEmpty(), "a second apply changes nothing");
      DomainInfo handmade = fleet.host("a").domain("handmade");
      assertEquals(unmanaged.uuid(), handmade.uuid());
      assertFalse(handmade.managed());
    }
  }

  static List<Outcome> apply(Fleet fleet, Plan plan) {
    assertFalse(plan.refused(), plan.problems().toString());
    return Applier.apply(
        plan, fleet.factory, 4, Duration.ofMinutes(5), "xm apply", ApplyListener.NONE);
  }

  @Provide
  Arbitrary<List<SpecGen.Dom>> fleets() {
    return SpecGen.fleet();
  }
}
