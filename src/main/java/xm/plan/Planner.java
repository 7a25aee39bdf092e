package xm.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xm.diag.Diagnostic;
import xm.diag.Location;
import xm.hypervisor.Capabilities;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.PowerState;
import xm.spec.DomainSpec;
import xm.spec.HostDoc;
import xm.spec.SpecSet;
import xm.spec.Waves;

/**
 * Pairs declared domains with what the hosts run and produces a {@link Plan}. Pure: the same specs,
 * observations and options always give the same plan; it reads no clock, no file and no host, and
 * holds no backend facts (the observations carry each host's {@link Capabilities}). Only managed
 * domains of the plan's scope are ever changed; Domain-0, unmanaged domains and domains of other
 * scopes are left alone (declaring one refuses the plan unless adopting).
 */
public final class Planner {
  private Planner() {}

  public static Plan plan(SpecSet specs, List<Observed> observed, PlanOptions o) {
    List<Diagnostic> problems = new ArrayList<>();
    List<Diagnostic> warnings = new ArrayList<>();
    Map<String, Observed> hosts = new LinkedHashMap<>();
    for (Observed h : observed) {
      hosts.put(h.host(), h);
    }
    Running running = Running.of(observed, o.scope());
    Map<String, Integer> waves = Waves.of(specs.domains());
    Map<String, DomainSpec> declared = new LinkedHashMap<>();
    for (DomainSpec d : specs.domains()) {
      declared.put(d.name(), d);
    }
    Set<String> planned = Targets.closure(specs, o.targets(), running, o.scope(), problems);
    Set<String> pruned = new HashSet<>();
    List<Copy> prunedCopies = new ArrayList<>();
    for (Copy c : running.managedInScope()) {
      DomainInfo d = c.info();
      if (o.prune()
          && !declared.containsKey(d.name())
          && !"false".equals(d.annotations().get("xm/prune"))
          && (o.targets().isEmpty() || o.targets().contains(d.name()))) {
        pruned.add(d.name());
        prunedCopies.add(c);
      }
    }
    Diagnostic empty = EmptySpecs.check(specs, prunedCopies, o);
    if (empty != null) {
      problems.add(empty);
    }
    List<Change> changes = new ArrayList<>();
    Set<String> hostsInPlay = new HashSet<>();
    for (DomainSpec d : specs.domains()) {
      if (planned.contains(d.name())) {
        hostsInPlay.add(d.host() != null ? d.host() : o.defaultHost());
      }
    }
    for (HostDoc doc : specs.hosts()) {
      Observed h = hosts.get(doc.name());
      if ((h == null || !h.exists())
          && (o.targets().isEmpty() || hostsInPlay.contains(doc.name()))) {
        changes.add(
            new Change(
                doc.name(),
                "",
                Action.CREATE_HOST,
                List.of(),
                List.of(new Op.CreateHost(doc.name(), doc.template())),
                List.of(),
                List.of(),
                "declared by a kind: Host document and not there yet",
                -1,
                doc.location()));
      }
    }
    for (DomainSpec d : specs.domains()) {
      if (!planned.contains(d.name())) {
        continue;
      }
      String host = d.host() != null ? d.host() : o.defaultHost();
      Observed h = hosts.get(host);
      if (h == null) {
        problems.add(
            Diagnostic.error(
                d.at("host"),
                "host '" + host + "' does not exist",
                "declare it with a kind: Host document or make it with 'xm host init "
                    + host
                    + "'"));
        continue;
      }
      DomainInfo cur = running.info(d.name());
      String curHost = running.host(d.name());
      int wave = waves.getOrDefault(d.name(), 0);
      List<Copy> copies = running.copiesOf(d.name());
      if (copies.size() > 1) {
        Copy kept = Copies.keep(d, host, copies, o.scope(), problems);
        if (kept == null) {
          continue;
        }
        cur = kept.info();
        curHost = kept.host();
        changes.addAll(Copies.destroyOthers(d, kept, copies, wave));
      }
      if (cur != null && !o.adopt() && !cur.managed()) {
        problems.add(
            Diagnostic.error(
                d.location(),
                "domain '"
                    + d.name()
                    + "' already runs on host '"
                    + curHost
                    + "' and xm did not make it",
                "adopt it (xm adopt " + d.name() + ", or apply --adopt) or rename the spec"));
        continue;
      }
      if (cur != null && !o.adopt() && !o.scope().equals(Scopes.of(cur))) {
        problems.add(
            Diagnostic.error(
                d.location(),
                "domain '"
                    + d.name()
                    + "' on host '"
                    + curHost
                    + "' is managed by scope '"
                    + Scopes.of(cur)
                    + "', not '"
                    + o.scope()
                    + "'",
                "adopt it into this scope (xm adopt --scope "
                    + o.scope()
                    + " "
                    + d.name()
                    + ", or apply --adopt) or rename the spec"));
        continue;
      }
      Observed where = cur != null ? hosts.get(curHost) : h;
      Capabilities caps = where.capabilities();
      if (!Limits.check(d, caps, problems)) {
        continue;
      }
      dependencies(d, declared, running, pruned, warnings, problems);
      changes.add(
          DomainDiff.of(
              d,
              host,
              curHost,
              cur,
              o,
              caps,
              where.nowMs(),
              wave,
              dependenciesDeclared(d.name(), declared, new HashSet<>())));
    }
    for (Copy c : running.managedInScope()) {
      DomainInfo d = c.info();
      if (declared.containsKey(d.name())
          || (!o.targets().isEmpty() && !o.targets().contains(d.name()))) {
        continue;
      }
      changes.add(orphan(d, c.host(), o));
    }
    access(specs, observed, o, hosts, planned, hostsInPlay, changes, problems, warnings);
    changes.sort(Schedule.ORDER);
    Capacity.check(changes, hosts, problems);
    Limits.onlineVcpus(changes, declared, hosts, problems);
    if (problems.isEmpty()) {
      Map<String, xm.hypervisor.DomainConfig> configs = new HashMap<>();
      Map<String, Location> declaredAt = new HashMap<>();
      specs
          .domains()
          .forEach(
              d -> {
                configs.put(d.name(), d.config());
                declaredAt.put(d.name(), d.location());
              });
      AccessAdmission.check(
          changes, observed, AccessPlan.held(observed), configs, declaredAt, problems);
    }
    return new Plan(changes, problems, warnings);
  }

  /** Policy loads and resource labels the specs declare (see {@link AccessPlan}). */
  private static void access(
      SpecSet specs,
      List<Observed> observed,
      PlanOptions o,
      Map<String, Observed> hosts,
      Set<String> planned,
      Set<String> hostsInPlay,
      List<Change> changes,
      List<Diagnostic> problems,
      List<Diagnostic> warnings) {
    boolean targeted = !o.targets().isEmpty();
    Set<String> inPlay = new java.util.TreeSet<>(hostsInPlay);
    if (!targeted) {
      specs.hosts().forEach(h -> inPlay.add(h.name()));
    }
    if (inPlay.isEmpty() && !targeted) {
      inPlay.add(
          o.defaultHost()); // specs of policies and labels only: the host commands would act on
    }
    inPlay.retainAll(hosts.keySet());
    Map<String, String> hostOf = new HashMap<>();
    Set<String> targetedResources = targeted ? new HashSet<>() : null;
    for (DomainSpec d : specs.domains()) {
      if (planned.contains(d.name())) {
        hostOf.put(d.name(), d.host() != null ? d.host() : o.defaultHost());
        if (targeted) {
          targetedResources.addAll(AccessPlan.resourcesOf(d.config()));
        }
      }
    }
    changes.addAll(
        AccessPlan.loads(
            AccessPlan.wanted(specs, inPlay, hostOf, targeted, problems, warnings),
            hosts,
            problems));
    String labelHost =
        hosts.containsKey(o.defaultHost())
            ? o.defaultHost()
            : hosts.isEmpty() ? o.defaultHost() : hosts.keySet().iterator().next();
    AccessPlan.labels(
            specs, observed, AccessPlan.held(observed), labelHost, targetedResources, problems)
        .ifPresent(changes::add);
  }

  private static Change orphan(DomainInfo d, String host, PlanOptions o) {
    boolean optOut = "false".equals(d.annotations().get("xm/prune"));
    Location where = new Location(d.annotations().getOrDefault("xm/spec", "(removed spec)"), 0, 0);
    int wave;
    try {
      wave = Integer.parseInt(d.annotations().getOrDefault("xm/wave", "0"));
    } catch (NumberFormatException notANumber) {
      wave = 0;
    }
    boolean halted = d.power() == PowerState.HALTED; // a definition: nothing runs, it is forgotten
    boolean suspended = d.power() == PowerState.SUSPENDED; // its checkpoint is the guest's memory
    if (o.prune() && !optOut && !suspended) {
      Op stop = new Op.Stop(host, d.name(), d.uuid());
      Op delete = new Op.Delete(host, d.name(), d.uuid());
      return new Change(
          host,
          d.name(),
          Action.DESTROY,
          List.of(
              new FieldChange(
                  "domain",
                  DomainDiff.stateOf(d),
                  "(none)",
                  halted ? "delete" : "shutdown, then destroy",
                  true,
                  where)),
          halted ? List.of(delete) : d.persistent() ? List.of(stop, delete) : List.of(stop),
          List.of(),
          List.of(),
          "managed by xm (scope '" + o.scope() + "') and no longer in the specs (pruned)",
          wave,
          where);
    }
    String reason =
        optOut
            ? "managed by xm, no longer in the specs, and opted out of prune"
            : suspended
                ? "managed by xm and no longer in the specs, but suspended: its checkpoint holds the"
                    + " guest's memory, which prune does not throw away (xm resume it, then prune)"
                : "managed by xm and not in these specs; apply --prune would destroy it";
    return new Change(
        host,
        d.name(),
        Action.ORPHAN,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        reason,
        Integer.MAX_VALUE,
        where);
  }

  /**
   * A dependsOn naming a domain these specs do not declare is met when a domain of that name runs
   * on an observed host (a warning: these specs cannot order it), and an error otherwise.
   */
  private static void dependencies(
      DomainSpec d,
      Map<String, DomainSpec> declared,
      Running running,
      Set<String> pruned,
      List<Diagnostic> warnings,
      List<Diagnostic> problems) {
    for (String dep : d.dependsOn()) {
      if (declared.containsKey(dep)) {
        continue;
      }
      DomainInfo other = running.info(dep);
      if (pruned.contains(dep)) {
        problems.add(
            Diagnostic.error(
                d.at("dependsOn"),
                d.name() + " depends on '" + dep + "', which this plan prunes (its spec is gone)",
                "put its spec back, or remove the dependency"));
      } else if (other != null
          && (other.power() == PowerState.RUNNING || other.power() == PowerState.PAUSED)) {
        warnings.add(
            Diagnostic.warning(
                d.at("dependsOn"),
                d.name()
                    + " depends on '"
                    + dep
                    + "', which these specs do not declare; it runs on host '"
                    + running.host(dep)
                    + "', so the dependency is met",
                "declare it in these specs for apply to order and heal it"));
      } else {
        problems.add(
            Diagnostic.error(
                d.at("dependsOn"),
                d.name()
                    + " depends on '"
                    + dep
                    + "', which these specs do not declare and no host runs",
                "add its spec with -f, or remove the dependency"));
      }
    }
  }

  /**
   * Whether every domain {@code name} depends on, transitively, is in these specs: only then is its
   * wave the whole truth (a subset of the specs must not rewrite the prune order).
   */
  private static boolean dependenciesDeclared(
      String name, Map<String, DomainSpec> declared, Set<String> seen) {
    DomainSpec d = declared.get(name);
    if (d == null) {
      return false;
    }
    if (!seen.add(name)) {
      return true;
    }
    for (String dep : d.dependsOn()) {
      if (!dependenciesDeclared(dep, declared, seen)) {
        return false;
      }
    }
    return true;
  }

  /** One domain as one host runs it: a name found on two hosts is two copies. */
  record Copy(String host, DomainInfo info) {}

  /**
   * Where each domain name runs, preferring the copy this scope manages when a name is on two
   * hosts; and every copy of every name, and every copy this scope manages (each one a domain that
   * prune removes when no spec declares its name).
   */
  record Running(
      Map<String, DomainInfo> infos,
      Map<String, String> hosts,
      List<Copy> managedInScope,
      Map<String, List<Copy>> everywhere) {
    static Running of(List<Observed> observed, String scope) {
      Map<String, DomainInfo> infos = new HashMap<>();
      Map<String, String> hosts = new HashMap<>();
      Map<String, List<Copy>> everywhere = new HashMap<>();
      List<Copy> mine = new ArrayList<>();
      for (Observed h : observed) {
        for (DomainInfo d : h.domains()) {
          if (d.isDomain0()) {
            continue;
          }
          everywhere.computeIfAbsent(d.name(), n -> new ArrayList<>()).add(new Copy(h.host(), d));
          if (scope.equals(Scopes.of(d))) {
            mine.add(new Copy(h.host(), d));
          }
          DomainInfo prev = infos.get(d.name());
          if (prev == null || rank(d, scope) > rank(prev, scope)) {
            infos.put(d.name(), d);
            hosts.put(d.name(), h.host());
          }
        }
      }
      mine.sort(
          java.util.Comparator.comparing((Copy c) -> c.info().name()).thenComparing(Copy::host));
      return new Running(infos, hosts, mine, everywhere);
    }

    /** Every copy of a domain of that name, host by host in the order they were observed. */
    List<Copy> copiesOf(String name) {
      return everywhere.getOrDefault(name, List.of());
    }

    private static int rank(DomainInfo d, String scope) {
      return scope.equals(Scopes.of(d)) ? 2 : d.managed() ? 1 : 0;
    }

    DomainInfo info(String name) {
      return infos.get(name);
    }

    String host(String name) {
      return hosts.get(name);
    }
  }
}
