package xm.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xm.diag.XmException;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.HostFactory;
import xm.hypervisor.Hypervisor;
import xm.plan.Change;
import xm.plan.Plan;
import xm.spec.SpecLoader;
import xm.spec.SpecSet;

/**
 * Hosts that fail a share of operations (creates, balloons, devices, migrations, annotations, and
 * also shutdowns, destroys and the waits for a guest to go), while a fleet is built, then changed
 * (kernels that need a rebuild, domains declared stopped, domains pruned): each failure is reported
 * as one failed change, the hosts keep whatever was reached, nothing that stays declared running is
 * ever shut down or destroyed, and applying again converges. Whether a call fails is decided from
 * the seed, the round and the call itself, never from thread timing, so a seed reproduces its run
 * exactly at parallelism 1; in parallel the invariants are checked too.
 */
class FaultInjectionTest {
  static final Set<String> FAILING =
      Set.of(
          "create",
          "setMemory",
          "setMaxMemory",
          "setVcpus",
          "pause",
          "unpause",
          "attachBlock",
          "detachBlock",
          "attachNetwork",
          "detachNetwork",
          "migrate",
          "annotate",
          "destroy",
          "shutdown",
          "await");
  static final Set<String> DESTRUCTIVE = Set.of("destroy", "shutdown");

  /** What one run did, round by round: per change, the domain and how it ended. */
  record Run(List<List<String>> rounds, int injected) {}

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void repeated_apply_converges_and_reports_every_failure(long seed) throws Exception {
    Run first = run(seed, 1);
    assertTrue(first.injected() > 0, "the seed injected failures");
    assertEquals(first, run(seed, 1), "the same seed reproduces the same run");
    // In parallel, which calls a change makes depends on timing (another stop's wait may finish
    // this domain's shutdown first), so only the invariants are checked.
    run(seed, 3);
  }

  private Run run(long seed, int parallelism) throws Exception {
    try (Fleet fleet = new Fleet("a", "b")) {
      Random random = new Random(seed);
      List<SpecGen.Dom> before = new ArrayList<>();
      List<SpecGen.Dom> after = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        SpecGen.Dom d =
            new SpecGen.Dom(
                "d" + i,
                64 + random.nextInt(200),
                random.nextInt(64),
                1 + random.nextInt(2),
                1,
                random.nextBoolean() ? "running" : "paused",
                random.nextInt(3),
                random.nextInt(3),
                random.nextBoolean(),
                random.nextBoolean() ? "a" : "b",
                "/boot/vmlinuz");
        before.add(d);
        switch (random.nextInt(4)) {
          case 0 ->
              after.add(
                  new SpecGen.Dom(
                      d.name(),
                      d.memory(),
                      d.extraMax(),
                      d.vcpus(),
                      d.extraVcpus(),
                      d.state(),
                      d.disks(),
                      d.vifs(),
                      d.macs(),
                      d.host(),
                      "/boot/vmlinuz-new"));
          case 1 ->
              after.add(
                  new SpecGen.Dom(
                      d.name(),
                      d.memory(),
                      d.extraMax(),
                      d.vcpus(),
                      d.extraVcpus(),
                      "stopped",
                      d.disks(),
                      d.vifs(),
                      d.macs(),
                      d.host(),
                      d.kernel()));
          case 2 -> {} // pruned
          default -> after.add(d);
        }
      }
      Set<String> keptRunning = new java.util.HashSet<>();
      for (SpecGen.Dom d : after) {
        if (before.contains(d)) {
          keptRunning.add(d.name());
        }
      }
      Injector injector = new Injector(seed);
      HostFactory flaky = injector.wrap(fleet);
      List<List<String>> rounds = new ArrayList<>();
      converge(
          fleet,
          flaky,
          injector,
          SpecLoader.parse("before.yaml", SpecGen.yaml(before)),
          rounds,
          parallelism);
      injector.destructive.clear();
      converge(
          fleet,
          flaky,
          injector,
          SpecLoader.parse("after.yaml", SpecGen.yaml(after)),
          rounds,
          parallelism);
      for (String call : injector.destructive) {
        assertTrue(
            !keptRunning.contains(call.substring(call.indexOf(' ') + 1)),
            "a domain declared running in both spec sets was shut down or destroyed: " + call);
      }
      return new Run(rounds, injector.injected.get());
    }
  }

  private static void converge(
      Fleet fleet,
      HostFactory flaky,
      Injector injector,
      SpecSet specs,
      List<List<String>> rounds,
      int parallelism) {
    boolean converged = false;
    for (int round = 0; round < 30 && !converged; round++) {
      Plan plan = fleet.plan(specs, true, true);
      assertTrue(!plan.refused(), plan.problems().toString());
      injector.round.incrementAndGet();
      int before = injector.injected.get();
      List<Outcome> outcomes =
          Applier.apply(
              plan, flaky, parallelism, Duration.ofSeconds(30), "xm apply", ApplyListener.NONE);
      long failed = outcomes.stream().filter(o -> o.status() == Status.FAILED).count();
      assertEquals(
          injector.injected.get() - before,
          failed,
          "every injected failure is reported, once: " + outcomes);
      assertEquals(
          plan.changes().stream().filter(c -> !c.ops().isEmpty()).count(),
          outcomes.size(),
          "one outcome per change");
      List<String> summary = new ArrayList<>();
      outcomes.forEach(o -> summary.add(o.change().domain() + " " + o.status()));
      rounds.add(summary);
      converged = fleet.plan(specs, true, true).changes().stream().allMatch(c -> c.ops().isEmpty());
    }
    assertTrue(converged, "converges within 30 rounds");
    for (Change c : fleet.plan(specs, true, true).changes()) {
      assertTrue(!c.isDrift(), c.toString());
    }
  }

  /** Decides failures from (seed, round, method, domain, how many times that call was made). */
  static final class Injector {
    final long seed;
    final AtomicInteger round = new AtomicInteger();
    final AtomicInteger injected = new AtomicInteger();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<String> destructive = Collections.synchronizedList(new ArrayList<>());

    /** The domain this thread last named: a wait is about the domain its change is stopping. */
    final ThreadLocal<String> lastTarget = ThreadLocal.withInitial(() -> "");

    Injector(long seed) {
      this.seed = seed;
    }

    HostFactory wrap(Fleet fleet) {
      return new xm.testing.DelegatingHostFactory(fleet.factory) {
        @Override
        public Hypervisor open(String name) {
          Hypervisor real = fleet.host(name);
          return (Hypervisor)
              Proxy.newProxyInstance(
                  Hypervisor.class.getClassLoader(),
                  new Class<?>[] {Hypervisor.class},
                  (proxy, method, args) -> {
                    String target =
                        method.getName().equals("await")
                            ? lastTarget.get()
                            : target(real, method.getName(), args);
                    lastTarget.set(target);
                    if (DESTRUCTIVE.contains(method.getName())) {
                      destructive.add(method.getName() + " " + target);
                    }
                    if (FAILING.contains(method.getName())
                        && fails(name + "/" + method.getName() + "/" + target)) {
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
    }

    private boolean fails(String call) {
      int n =
          calls
              .computeIfAbsent(round.get() + "/" + call, k -> new AtomicInteger())
              .incrementAndGet();
      long h =
          seed * 0x9E3779B97F4A7C15L
              ^ (round.get() + "/" + call + "/" + n).hashCode() * 0xC2B2AE3D27D4EB4FL;
      return Math.floorMod(Long.rotateLeft(h, 17) * 0x165667B19E3779F9L, 100) < 30;
    }

    /**
     * The domain a call is about, by name (uuids and ids are resolved), or the condition for await.
     */
    private static String target(Hypervisor h, String method, Object[] args) {
      if (args == null || args.length == 0) {
        return "";
      }
      if (method.equals("create")) {
        return ((xm.hypervisor.DomainConfig) args[0]).name();
      }
      if (args[0] instanceof String ref) {
        try {
          DomainInfo d = h.domain(ref);
          return d.name();
        } catch (XmException e) {
          return ref;
        }
      }
      return method;
    }
  }
}
