package xm.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xm.bench.PlanBenchmark;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.PowerState;
import xm.hypervisor.StateFlags;
import xm.spec.SpecLoader;
import xm.spec.SpecSet;

/** The backend's limits refuse what a plan would do, never what a host already runs. */
class LimitsTest {
  static SpecSet spec(int vcpus, int maxvcpus) {
    return SpecLoader.parse(
        "s.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: big}\nspec: {kernel: /k, memory: 64, vcpus: "
            + vcpus
            + ", maxvcpus: "
            + maxvcpus
            + "}\n");
  }

  static Observed host(List<DomainInfo> doms) {
    return new Observed("h", true, 8192, 4096, 4, doms, PlanBenchmark.SIM_LIKE, 0);
  }

  static DomainInfo running(int vcpus) {
    return running(vcpus, vcpus);
  }

  static DomainInfo running(int vcpus, int maxVcpus) {
    DomainConfig c =
        new DomainConfig(
            "big", null, "linux", "/k", null, "", 64, 64, vcpus, maxVcpus, null, null, null, null,
            List.of(), List.of(), List.of(), null, Map.of());
    return new DomainInfo(
        3,
        "u",
        c,
        64,
        64,
        vcpus,
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

  @Test
  void should_admit_a_plan_that_leaves_an_overcommitted_domain_alone() {
    Plan plan =
        Planner.plan(
            spec(6, 6),
            List.of(host(List.of(running(6)))),
            PlanOptions.of(false, false, false, "h"));
    assertEquals(List.of(), plan.problems());
    assertEquals(Action.NOOP, plan.changes().get(0).action());
  }

  @Test
  void should_refuse_bringing_more_vcpus_online_than_the_host_has_cpus() {
    Plan create =
        Planner.plan(
            spec(6, 6), List.of(host(List.of())), PlanOptions.of(false, false, false, "h"));
    assertTrue(
        create
            .problems()
            .get(0)
            .summary()
            .contains("big wants 6 VCPUs online but host 'h' has 4 CPUs"),
        create.problems().toString());
    Plan grow =
        Planner.plan(
            spec(6, 8),
            List.of(host(List.of(running(2, 8)))),
            PlanOptions.of(false, false, false, "h"));
    assertEquals(1, grow.problems().size(), grow.problems().toString());
  }

  @Test
  void should_refuse_more_vcpus_than_the_backend_allows_per_domain() {
    Plan plan =
        Planner.plan(
            spec(2, 64), List.of(host(List.of())), PlanOptions.of(false, false, false, "h"));
    assertTrue(
        plan.problems().get(0).summary().contains("at most 32 per domain"),
        plan.problems().toString());
    assertEquals("s.yaml", plan.problems().get(0).where().source());
  }
}
