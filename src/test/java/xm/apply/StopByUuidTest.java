package xm.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import xm.diag.Location;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.sim.TestConfigs;
import xm.plan.Action;
import xm.plan.Change;
import xm.plan.Op;
import xm.plan.Plan;

/**
 * Apply addresses a domain by the uuid it observed: a domain named "1" that is gone by the time its
 * stop runs is simply gone; the host's domain with id 1 (made by hand) is never touched.
 */
class StopByUuidTest {
  @Test
  void should_never_stop_another_domain_whose_id_is_the_name_of_a_gone_one() throws Exception {
    try (Fleet fleet = new Fleet("a")) {
      DomainInfo victim =
          fleet.host("a").create(TestConfigs.config("victim", 64), false, "xm create");
      DomainInfo one = fleet.host("a").create(TestConfigs.config("1", 64), false, "xm create");
      assertEquals(1, victim.id());
      fleet.host("a").destroy(one.uuid(), "xm destroy");
      Change stop =
          new Change(
              "a",
              "1",
              Action.STOP,
              List.of(),
              List.of(new Op.Stop("a", "1", one.uuid())),
              List.of(),
              List.of(),
              "declared stopped",
              0,
              new Location("s.yaml", 1, 1));
      List<Outcome> outcomes =
          Applier.apply(
              new Plan(List.of(stop), List.of(), List.of()),
              fleet.factory,
              1,
              Duration.ofSeconds(5),
              "xm apply",
              ApplyListener.NONE);
      assertEquals(Status.SUCCEEDED, outcomes.get(0).status(), outcomes.toString());
      assertEquals("already gone", outcomes.get(0).message());
      assertEquals(
          victim.uuid(),
          fleet.host("a").domain("victim").uuid(),
          "the hand-made domain is untouched");
    }
  }
}
