package xm.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xm.hypervisor.DomainInfo;
import xm.spec.DomainSpec;
import xm.spec.HostDoc;
import xm.spec.SpecSet;
import xm.spec.Waves;

/**
 * Pairs declared domains with what the hosts run and produces a {@link Plan}. Pure: the same
 * specs, observations and options always give the same plan; it reads no clock, no file and no
 * host. Only managed domains are ever changed; Domain-0 and unmanaged domains are left alone
 * (an unmanaged domain whose name a spec declares refuses the plan unless adopting).
 */
public final class Planner {
  private Planner() {}

  public static Plan plan(SpecSet specs, List<Observed> observed, PlanOptions o) {
    List<String> problems = new ArrayList<>();
    Map<String, Observed> hosts = new LinkedHashMap<>();
    for (Observed h : observed) {
      hosts.put(h.host(), h);
    }
    Map<String, String> running = new HashMap<>();
    Map<String, DomainInfo> infos = new HashMap<>();
    for (Observed h : observed) {
      for (DomainInfo d : h.domains()) {
        if (d.isDomain0()) {
          continue;
        }
        DomainInfo prev = infos.get(d.name());
        if (prev == null || (!prev.managed() && d.managed())) {
          infos.put(d.name(), d);
          running.put(d.name(), h.host());
        }
      }
    }
    Map<String, Integer> waves = Waves.of(specs.domains());
    List<Change> changes = new ArrayList<>();
    Set<String> declaredHosts = new HashSet<>();
    for (HostDoc doc : specs.hosts()) {
      declaredHosts.add(doc.name());
      Observed h = hosts.get(doc.name());
      if (h == null || !h.exists()) {
        changes.add(new Change(doc.name(), "", Action.CREATE_HOST, List.of(), List.of(new Op.CreateHost(doc.name(), doc)),
            List.of(), List.of(), "declared by a kind: Host document and not there yet", -1, doc.location()));
      }
    }
    Set<String> declared = new HashSet<>();
    for (DomainSpec d : specs.domains()) {
      declared.add(d.name());
      String host = d.host() != null ? d.host() : o.defaultHost();
      Observed h = hosts.get(host);
      if ((h == null || !h.exists()) && !declaredHosts.contains(host)) {
        problems.add(d.at("host") + ": host '" + host + "' does not exist; declare it with a kind: Host document or make it with 'xm host init " + host + "'");
        continue;
      }
      DomainInfo cur = infos.get(d.name());
      if (cur != null && !cur.managed() && !o.adopt()) {
        problems.add(d.location() + ": domain '" + d.name() + "' already runs on host '" + running.get(d.name())
            + "' and xm did not make it; adopt it (xm adopt " + d.name() + ", or apply --adopt) or rename the spec");
        continue;
      }
      String curHost = cur == null ? null : running.get(d.name());
      changes.add(DomainDiff.of(d, host, curHost, cur, o, waves.getOrDefault(d.name(), 0)));
    }
    for (Map.Entry<String, DomainInfo> e : infos.entrySet()) {
      DomainInfo d = e.getValue();
      if (!d.managed() || declared.contains(d.name())) {
        continue;
      }
      String host = running.get(d.name());
      boolean optOut = "false".equals(d.annotations().get("xm/prune"));
      xm.diag.Location where = new xm.diag.Location(d.annotations().getOrDefault("xm/spec", "(removed spec)"), 0, 0);
      int wave = 0;
      try {
        wave = Integer.parseInt(d.annotations().getOrDefault("xm/wave", "0"));
      } catch (NumberFormatException notANumber) {
        wave = 0;
      }
      if (o.prune() && !optOut) {
        changes.add(new Change(host, d.name(), Action.DESTROY, List.of(new FieldChange("domain", DomainDiff.stateOf(d),
            "(none)", "shutdown, then destroy", true, where)), List.of(new Op.Stop(host, d.name())), List.of(), List.of(),
            "managed by xm and no longer in the specs (pruned)", wave, where));
      } else {
        changes.add(new Change(host, d.name(), Action.ORPHAN, List.of(), List.of(), List.of(), List.of(),
            optOut ? "managed by xm, no longer in the specs, and opted out of prune"
                : "managed by xm and no longer in the specs; apply --prune would destroy it",
            Integer.MAX_VALUE, where));
      }
    }
    changes.sort(Comparator.comparingInt(Planner::phase).thenComparingInt(Planner::waveKey)
        .thenComparing(Change::host).thenComparing(Change::domain));
    Capacity.check(changes, hosts, specs.hosts(), problems);
    vcpuLimits(specs, hosts, o, problems);
    return new Plan(changes, problems);
  }

  /** Hosts first, then prunes and stops (freeing memory), then everything else. */
  static int phase(Change c) {
    return switch (c.action()) {
      case CREATE_HOST -> 0;
      case DESTROY, STOP -> 1;
      default -> 2;
    };
  }

  /** Waves ascend, except that prunes run in reverse order of dependency. */
  private static int waveKey(Change c) {
    return c.action() == Action.DESTROY ? -c.wave() : c.wave();
  }

  private static void vcpuLimits(SpecSet specs, Map<String, Observed> hosts, PlanOptions o, List<String> problems) {
    Map<String, Integer> declaredCpus = new HashMap<>();
    for (HostDoc h : specs.hosts()) {
      declaredCpus.put(h.name(), h.cpus() != null ? h.cpus() : 4);
    }
    for (DomainSpec d : specs.domains()) {
      String host = d.host() != null ? d.host() : o.defaultHost();
      Observed h = hosts.get(host);
      int cpus = h != null && h.exists() ? h.cpus() : declaredCpus.getOrDefault(host, Integer.MAX_VALUE);
      if (d.state() != xm.spec.DesiredState.STOPPED && d.config().vcpus() > cpus) {
        problems.add(d.at("vcpus") + ": " + d.name() + " wants " + d.config().vcpus() + " VCPUs online but host '" + host
            + "' has " + cpus + " CPUs; lower vcpus or place it on a bigger host");
      }
    }
  }
}
