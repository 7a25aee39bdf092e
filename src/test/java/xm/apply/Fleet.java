package xm.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.sim.ClockMode;
import xm.hypervisor.sim.HostSpec;
import xm.hypervisor.sim.SimHostFactory;
import xm.hypervisor.sim.SimHosts;
import xm.plan.Observed;
import xm.plan.Plan;
import xm.plan.PlanOptions;
import xm.plan.Planner;
import xm.spec.SpecSet;

/** A throw-away set of simulated hosts on manual clocks, with plan and apply wired to them. */
final class Fleet implements AutoCloseable {
  final Path home;
  final SimHosts hosts;
  final SimHostFactory factory;

  Fleet(String... names) throws IOException {
    home = Files.createTempDirectory("xm-fleet");
    hosts = new SimHosts(home);
    factory = new SimHostFactory(hosts);
    for (String n : names) {
      HostSpec d = HostSpec.defaults(n);
      hosts.init(
          new HostSpec(
              n, 16384, 1024, 196, 8, 1, 2400, ClockMode.MANUAL, 1000, 0, d.blockDevices()));
    }
  }

  Hypervisor host(String name) {
    return factory.open(name);
  }

  List<Observed> observe() {
    List<Observed> out = new ArrayList<>();
    for (String n : hosts.names()) {
      Hypervisor h = host(n);
      out.add(Observed.of(n, h.info(), h.domains(), h.capabilities(), h.now().toEpochMilli()));
    }
    return out;
  }

  Plan plan(SpecSet specs, boolean prune, boolean allowRestart) {
    return Planner.plan(specs, observe(), PlanOptions.of(prune, allowRestart, false, "a"));
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> s = Files.walk(home)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
