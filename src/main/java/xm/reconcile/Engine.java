package xm.reconcile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import xm.apply.Applier;
import xm.apply.Outcome;
import xm.hypervisor.ApplyLock;
import xm.hypervisor.ChangeEvent;
import xm.hypervisor.HostFactory;
import xm.hypervisor.Hypervisor;
import xm.plan.Action;
import xm.plan.Change;
import xm.plan.Observed;
import xm.plan.Plan;
import xm.plan.Planner;
import xm.spec.DomainSpec;
import xm.spec.HostDoc;
import xm.spec.SpecLoader;
import xm.spec.SpecSet;

/**
 * The reconcile engine: load specs, observe the hosts, plan, apply. The CLI parses and renders
 * around it; the controller will schedule it; both call the same few lines of
 * {@link #reconcile}. Hosts are reached only through the {@link HostFactory}; the clock is
 * injected (lock stamps and waits). Safe to use from one thread at a time per instance.
 */
public final class Engine {
  private final HostFactory hosts;
  private final Clock clock;
  private final Locks locks;

  public Engine(HostFactory hosts, Clock clock) {
    this.hosts = hosts;
    this.clock = clock;
    this.locks = new Locks(hosts, clock);
  }

  public HostFactory hosts() {
    return hosts;
  }

  public Clock clock() {
    return clock;
  }

  /** Reads the specs; every problem of every file at once (a {@link xm.spec.SpecError}). */
  public SpecSet load(SpecSource source) {
    return SpecLoader.load(source.paths(), source.cwd(), source.stdin(), false);
  }

  /**
   * Load, lock (when applying), observe, plan, show the plan to the listener, and apply it unless
   * it is refused or {@code apply} is false. Locks are held from observation to the last change,
   * on every host the plan may touch, so two applies never interleave.
   */
  public Result reconcile(SpecSource source, Settings s, boolean apply, EngineListener listener) {
    SpecSet specs = load(source);
    return reconcile(specs, s, apply, listener);
  }

  public Result reconcile(SpecSet specs, Settings s, boolean apply, EngineListener listener) {
    List<String> names = hostNames(specs, s.plan().defaultHost());
    try (Locks.Held held = apply ? locks.all(names, s.origin(), s.lockTimeout(), listener) : Locks.Held.NONE) {
      Observation seen = observe(specs, names);
      Plan plan = Planner.plan(specs, seen.hosts(), s.plan());
      Observation obs = explain(plan, seen);
      listener.planned(plan, obs);
      if (!apply || plan.refused() || !plan.hasWork()) {
        return new Result(plan, obs, List.of());
      }
      List<Outcome> outcomes = run(plan, s, listener);
      return new Result(plan, obs, outcomes);
    }
  }

  /** Applies a plan as it is (the caller holds the locks and checked it is current). */
  List<Outcome> run(Plan plan, Settings s, EngineListener listener) {
    return Applier.apply(plan, hosts, s.parallelism(), s.stopTimeout(), s.origin(), new xm.apply.ApplyListener() {
      @Override
      public void started(xm.plan.Change change) {
        listener.started(change);
      }

      @Override
      public void finished(Outcome outcome) {
        listener.finished(outcome);
      }
    });
  }

  Locks locks() {
    return locks;
  }

  /**
   * The hosts a reconciliation looks at: the default host, the hosts the specs name or declare,
   * and every host of the inventory (managed domains of the scope may live on any of them),
   * sorted, so that locks are always taken in one order.
   */
  List<String> hostNames(SpecSet specs, String defaultHost) {
    TreeSet<String> names = new TreeSet<>();
    names.add(defaultHost);
    for (DomainSpec d : specs.domains()) {
      if (d.host() != null) {
        names.add(d.host());
      }
    }
    for (HostDoc h : specs.hosts()) {
      names.add(h.name());
    }
    names.addAll(hosts.inventory());
    return new ArrayList<>(names);
  }

  /** Observes {@code names}: hosts that exist as they are; declared ones as they would be. */
  Observation observe(SpecSet specs, List<String> names) {
    Map<String, HostDoc> declared = new HashMap<>();
    for (HostDoc h : specs.hosts()) {
      declared.put(h.name(), h);
    }
    List<Observed> observed = new ArrayList<>();
    Map<String, Long> revisions = new HashMap<>();
    for (String name : names) {
      if (hosts.exists(name)) {
        Hypervisor h = hosts.open(name);
        long revision = h.revision();
        observed.add(Observed.of(name, h.info(), h.domains(), h.capabilities(), h.now().toEpochMilli()));
        revisions.put(name, revision);
      } else if (declared.containsKey(name)) {
        HostDoc doc = declared.get(name);
        observed.add(Observed.prospective(name, hosts.prospective(doc.template()),
            hosts.prospectiveCapabilities(doc.template()), clock.millis()));
        revisions.put(name, -1L);
      }
    }
    return new Observation(observed, revisions, Causes.NONE);
  }

  /**
   * {@code obs} with who made the differences {@code plan} shows: the change events of the hosts
   * where a domain that exists differs from its spec (the fields a drift report names a cause
   * for), and of no other host. A converged fleet reads no history at all, and a drifted one only
   * the history of the hosts that drifted, however many hosts the fleet has.
   */
  Observation explain(Plan plan, Observation obs) {
    TreeSet<String> drifted = new TreeSet<>();
    for (Change c : plan.changes()) {
      if (c.isDomain() && c.action() != Action.CREATE && (!c.fields().isEmpty() || !c.pending().isEmpty())) {
        drifted.add(c.host());
      }
    }
    Map<String, List<ChangeEvent>> events = new HashMap<>();
    for (String name : drifted) {
      if (obs.revisions().getOrDefault(name, -1L) >= 0) {
        events.put(name, hosts.open(name).changes(0));
      }
    }
    return events.isEmpty() ? obs : new Observation(obs.hosts(), obs.revisions(), Causes.of(events));
  }

  /** Holders of whole-apply locks are named by this process. */
  static ApplyLock.Holder holder(String origin, Clock clock) {
    return new ApplyLock.Holder(origin, ProcessHandle.current().pid(), clock.millis());
  }
}
