package xm.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.sim.ClockMode;
import xm.hypervisor.sim.HostSpec;
import xm.hypervisor.sim.SimHostFactory;
import xm.hypervisor.sim.SimHosts;
import xm.plan.PlanOptions;
import xm.spec.SpecLoader;
import xm.spec.SpecSet;

/**
 * The engine reads a host's change history only to name the causes of the differences a plan shows
 * on it: a converged fleet reads none, a drifted one only the drifted hosts'.
 */
class EngineObservationTest {
  @TempDir Path home;

  /** Counts, per host, how often its change history is read. */
  static final class Counting extends xm.testing.DelegatingHostFactory {
    final Map<String, Integer> historyReads = new ConcurrentHashMap<>();

    Counting(SimHostFactory real) {
      super(real);
    }

    @Override
    public Hypervisor open(String address) {
      Hypervisor h = real.open(address);
      return (Hypervisor)
          Proxy.newProxyInstance(
              Hypervisor.class.getClassLoader(),
              new Class<?>[] {Hypervisor.class},
              (proxy, method, args) -> {
                if (method.getName().equals("changes")) {
                  historyReads.merge(address, 1, Integer::sum);
                }
                try {
                  return method.invoke(h, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }
  }

  private static final String SPECS =
      """
      apiVersion: xm/v1
      kind: Domain
      metadata: {name: a1, host: a}
      spec: {kernel: /boot/vmlinuz, memory: 64, maxmem: 128}
      ---
      apiVersion: xm/v1
      kind: Domain
      metadata: {name: b1, host: b}
      spec: {kernel: /boot/vmlinuz, memory: 64, maxmem: 128}
      ---
      apiVersion: xm/v1
      kind: Domain
      metadata: {name: c1, host: c}
      spec: {kernel: /boot/vmlinuz, memory: 64, maxmem: 128}
      """;

  @Test
  void history_is_read_only_where_the_plan_shows_differences() {
    SimHosts sim = new SimHosts(home);
    for (String n : List.of("a", "b", "c")) {
      HostSpec d = HostSpec.defaults(n);
      sim.init(
          new HostSpec(n, 4096, 512, 196, 4, 1, 2400, ClockMode.MANUAL, 1000, 0, d.blockDevices()));
    }
    Counting hosts = new Counting(new SimHostFactory(sim));
    Engine engine = new Engine(hosts, Clock.systemUTC());
    SpecSet specs = SpecLoader.parse("specs.yaml", SPECS);
    Settings settings =
        new Settings(
            PlanOptions.of(false, false, false, "a"),
            4,
            Duration.ofSeconds(5),
            Duration.ZERO,
            "xm apply -f specs.yaml");

    Result applied = engine.reconcile(specs, settings, true, EngineListener.NONE);
    assertEquals(3, applied.outcomes().size());
    assertEquals(Map.of(), hosts.historyReads, "creating reads no history");

    Result converged = engine.reconcile(specs, settings, false, EngineListener.NONE);
    assertTrue(!converged.plan().hasDrift());
    assertEquals(Map.of(), hosts.historyReads, "a converged fleet reads no history");

    hosts.open("b").setMemory("b1", 96, "xm mem-set b1 96");
    Result drifted = engine.reconcile(specs, settings, false, EngineListener.NONE);
    assertTrue(drifted.plan().hasDrift());
    assertEquals(Map.of("b", 1), hosts.historyReads, "only the drifted host's history");
    assertTrue(
        drifted.observation().causes().find("b", "b1", "memory").startsWith("xm mem-set b1 96 ("),
        drifted.observation().causes().find("b", "b1", "memory"));
    assertNull(drifted.observation().causes().find("a", "a1", "memory"));
  }
}
