package xm.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xm.diag.XmException;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.Hypervisor;
import xm.plan.Change;
import xm.plan.Plan;
import xm.hypervisor.HostFactory;
import xm.spec.SpecLoader;
import xm.spec.SpecSet;

/**
 * A host that fails a share of mutating operations at random: each failure is reported as one
 * failed change, the hosts keep whatever was reached, no declared domain is ever shut down or
 * destroyed, and applying again converges.
 */
class FaultInjectionTest {
  static final Set<String> MUTATING = Set.of("create", "setMemory", "setMaxMemory", "setVcpus", "pause", "unpause",
      "attachBlock", "detachBlock", "attachNetwork", "detachNetwork", "migrate", "annotate");
  static final Set<String> DESTRUCTIVE = Set.of("destroy", "shutdown");

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void repeated_apply_converges_and_reports_every_failure(long seed) throws Exception {
    try (Fleet fleet = new Fleet("a", "b")) {
      Random random = new Random(seed);
      List<SpecGen.Dom> doms = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        doms.add(new SpecGen.Dom("d" + i, 64 + random.nextInt(200), random.nextInt(64), 1 + random.nextInt(2),
            1, random.nextBoolean() ? "running" : "paused", random.nextInt(3), random.nextInt(3), random.nextBoolean(),
            random.nextBoolean() ? "a" : "b", "/boot/vmlinuz"));
      }
      SpecSet specs = SpecLoader.parse("fleet.yaml", SpecGen.yaml(doms));
      Set<String> declared = Set.copyOf(SpecGen.names(doms));
      AtomicInteger injected = new AtomicInteger();
      List<String> destructiveOnDeclared = Collections.synchronizedList(new ArrayList<>());
      HostFactory flaky = new Delegating(fleet.factory) {
        @Override
        public Hypervisor open(String name) {
          Hypervisor real = fleet.host(name);
          return (Hypervisor) Proxy.newProxyInstance(Hypervisor.class.getClassLoader(), new Class<?>[] {Hypervisor.class},
              (proxy, method, args) -> {
                if (DESTRUCTIVE.contains(method.getName()) && args != null && args[0] instanceof String ref
                    && isDeclared(real, ref, declared)) {
                  destructiveOnDeclared.add(method.getName() + " " + ref);
                }
                if (MUTATING.contains(method.getName()) && random.nextDouble() < 0.3) {
                  injected.incrementAndGet();
                  throw XmException.error("injected failure in " + method.getName());
                }
                try {
                  return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
        }
      };
      boolean converged = false;
      for (int round = 0; round < 25 && !converged; round++) {
        Plan plan = fleet.plan(specs, false, false);
        assertTrue(!plan.refused(), plan.problems().toString());
        int before = injected.get();
        List<Outcome> outcomes = Applier.apply(plan, flaky, 3, Duration.ofMinutes(1), "xm apply", ApplyListener.NONE);
        long failed = outcomes.stream().filter(o -> o.status() == Status.FAILED).count();
        assertEquals(injected.get() - before, failed, "every injected failure is reported, once");
        assertEquals(plan.changes().stream().filter(c -> !c.ops().isEmpty()).count(), outcomes.size(),
            "one outcome per change");
        converged = fleet.plan(specs, false, false).changes().stream().allMatch(c -> c.ops().isEmpty());
      }
      assertTrue(converged, "converges within 25 rounds");
      assertEquals(List.of(), destructiveOnDeclared, "no declared domain was shut down or destroyed");
      for (Change c : fleet.plan(specs, false, false).changes()) {
        assertTrue(!c.isDrift(), c.toString());
      }
    }
  }

  private static boolean isDeclared(Hypervisor h, String ref, Set<String> declared) {
    try {
      DomainInfo d = h.domain(ref);
      return declared.contains(d.name());
    } catch (XmException e) {
      return false;
    }
  }
}
