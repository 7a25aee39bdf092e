package xm.cli.declare;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import xm.cli.Backends;
import xm.cli.Env;
import xm.hypervisor.Hypervisor;
import xm.plan.Observed;
import xm.plan.Plan;
import xm.plan.PlanOptions;
import xm.plan.Planner;
import xm.spec.DomainSpec;
import xm.spec.HostDoc;
import xm.spec.SpecLoader;
import xm.spec.SpecSet;

/** What apply and diff share: read the specs, observe the hosts they name, and plan. */
final class Reconciliation {
  final SpecSet specs;
  final List<Observed> observed;
  final Plan plan;
  /** What each host's log says caused its domains' current values. */
  final Map<String, Causes> causes = new TreeMap<>();

  private Reconciliation(SpecSet specs, List<Observed> observed, Plan plan) {
    this.specs = specs;
    this.observed = observed;
    this.plan = plan;
  }

  static Reconciliation run(Env env, Backends backends, List<String> sources, boolean prune, boolean allowRestart,
      boolean adopt) {
    SpecSet specs = SpecLoader.load(sources, env.cwd(), env.in());
    String defaultHost = backends.hostName();
    Set<String> names = new LinkedHashSet<>();
    names.add(defaultHost);
    for (DomainSpec d : specs.domains()) {
      if (d.host() != null) {
        names.add(d.host());
      }
    }
    for (HostDoc h : specs.hosts()) {
      names.add(h.name());
    }
    List<Observed> observed = new ArrayList<>();
    Map<String, Causes> causes = new TreeMap<>();
    xm.apply.HostAccess hosts = backends.access();
    long now = -1;
    for (String name : names) {
      if (!backends.exists(name)) {
        continue;
      }
      Hypervisor h = hosts.host(name);
      observed.add(Observed.of(name, h.info(), h.domains()));
      causes.put(name, Causes.of(h.log()));
      if (now < 0 || name.equals(defaultHost)) {
        now = h.now().toEpochMilli();
      }
    }
    Plan plan = Planner.plan(specs, observed, new PlanOptions(prune, allowRestart, adopt, defaultHost,
        now < 0 ? System.currentTimeMillis() : now));
    Reconciliation r = new Reconciliation(specs, observed, plan);
    r.causes.putAll(causes);
    return r;
  }
}
