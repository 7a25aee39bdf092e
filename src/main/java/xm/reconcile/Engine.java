package xm.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import xm.apply.Applier;
import xm.apply.Outcome;
import xm.diag.XmException;
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
import xm.spec.SpecError;
import xm.spec.SpecLoader;
import xm.spec.SpecSet;

/**
 * The reconcile engine: load specs, observe the hosts, plan, apply. The CLI parses and renders
 * around it; the controller will schedule it; both call the same few lines of {@link #reconcile}.
 * Hosts are reached only through the {@link HostFactory}; the clock is injected (lock stamps and
 * waits). Safe to use from one thread at a time per instance.
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
   * it is refused or {@code apply} is false. Locks are held from observation to the last change, on
   * every host the plan may touch, so two applies never interleave.
   */
  public Result reconcile(SpecSource source, Settings s, boolean apply, EngineListener listener) {
    SpecSet specs = load(source);
    return reconcile(specs, s, apply, listener);
  }

  public Result reconcile(SpecSet specs, Settings s, boolean apply, EngineListener listener) {
    HostFactory named = HostAliases.over(hosts, specs);
    if (named
        != hosts) { // kind: Host documents name libvirt URIs: the same engine, reaching them by URI
      return new Engine(named, clock).reconcile(specs, s, apply, listener);
    }
    try (Locked held =
        lock(() -> hostNamesHere(specs, s.plan().defaultHost()), apply, s, listener)) {
      Observation seen = observe(specs, held.names());
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

  /**
   * One host's share of a reconciliation, as the controller runs it per host: the specs placed on
   * {@code host} are planned against that host and against the other hosts' copies of those same
   * domains (a domain of this host's specs that runs elsewhere is migrated, never started a second
   * time), and applied under {@code host}'s whole-apply lock alone (and a migration's other
   * host's), so a manual {@code xm apply} and the controller never interleave, and passes of
   * different hosts run side by side. A domain another host's specs place elsewhere is left to that
   * host's pass, even while it runs here (so it is moved, not pruned). A host that does not answer
   * is left out; the domains {@code unseenOn} names for it (last seen there) are not touched, so
   * none is started twice. The cost of a pass grows with the domains of one host, not of the fleet.
   * Fails when {@code host} itself cannot be observed.
   */
  public Result reconcileHost(
      SpecSet specs,
      String host,
      Settings s,
      boolean apply,
      EngineListener listener,
      java.util.function.Function<Map<String, RuntimeException>, java.util.Set<String>> unseenOn) {
    Engine byName = aliased(specs);
    if (byName != this) {
      return byName.reconcileHost(specs, host, s, apply, listener, unseenOn);
    }
    String dflt = s.plan().defaultHost();
    SpecSet mine = placedOn(specs, host, dflt);
    java.util.Set<String> wanted = new java.util.HashSet<>();
    mine.domains().forEach(d -> wanted.add(d.name()));
    java.util.Set<String> elsewhere = new java.util.HashSet<>();
    specs
        .domains()
        .forEach(
            d -> {
              if (!wanted.contains(d.name())) {
                elsewhere.add(d.name());
              }
            });
    Map<String, Long> others = new java.util.TreeMap<>();
    Map<String, RuntimeException> down = new java.util.TreeMap<>();
    for (String name : hostNamesHere(specs, dflt)) {
      if (name.equals(host)) {
        continue;
      }
      try {
        if (hosts.exists(name)) {
          others.put(name, hosts.open(name).revision()); // answers
        }
      } catch (RuntimeException e) {
        down.put(name, e);
      }
    }
    java.util.Set<String> unseen = new java.util.HashSet<>(unseenOn.apply(down));
    // the guard against pruning everything with empty specs is the fleet's: specs that declare
    // domains elsewhere and none here may prune this host (when pruning was asked for)
    xm.plan.PlanOptions o = s.plan();
    if (!specs.domains().isEmpty() && !o.allowEmpty()) {
      o =
          new xm.plan.PlanOptions(
              o.prune(),
              o.allowRestart(),
              o.adopt(),
              o.defaultHost(),
              o.scope(),
              o.targets(),
              true);
    }
    s = new Settings(o, s.parallelism(), s.stopTimeout(), s.lockTimeout(), s.origin());
    Observation first = observeFor(mine, host, others, wanted, false);
    Plan firstPlan = ours(Planner.plan(mine, first.hosts(), s.plan()), host, unseen, elsewhere);
    if (!apply || firstPlan.refused() || !firstPlan.hasWork()) {
      // nothing to change (the usual pass): no lock, no second look
      Observation obs = explain(firstPlan, first);
      listener.planned(firstPlan, obs);
      return new Result(firstPlan, obs, List.of());
    }
    TreeSet<String> lock = new TreeSet<>(List.of(host));
    firstPlan.changes().forEach(c -> c.ops().forEach(op -> lock.add(op.host())));
    try (Locked held = lock(() -> new ArrayList<>(lock), apply, s, listener)) {
      // observed and planned again under the locks: another apply may have changed the host
      // meanwhile
      Observation seen = observeFor(mine, host, others, wanted, true);
      Plan plan = ours(Planner.plan(mine, seen.hosts(), s.plan()), host, unseen, elsewhere);
      Observation obs = explain(plan, seen);
      listener.planned(plan, obs);
      if (plan.refused() || !plan.hasWork()) {
        return new Result(plan, obs, List.of());
      }
      return new Result(plan, obs, run(plan, s, listener));
    }
  }

  /** The changes of {@code plan} that are {@code host}'s pass's to make. */
  private static Plan ours(
      Plan plan, String host, java.util.Set<String> unseen, java.util.Set<String> elsewhere) {
    List<Change> only = new ArrayList<>();
    for (Change c : plan.changes()) {
      if (touches(c, host) && !unseen.contains(c.domain()) && !elsewhere.contains(c.domain())) {
        only.add(c);
      }
    }
    return new Plan(only, plan.problems(), plan.warnings());
  }

  /**
   * This engine, or one over {@link HostAliases} when {@code specs} name libvirt hosts by URI; kept
   * while the same spec set comes back, so its memory of the fleet ({@link #fleet}) lasts across
   * passes.
   */
  private Engine aliased(SpecSet specs) {
    Object[] known = aliasedFor;
    if (known != null && known[0] == specs) {
      return (Engine) known[1];
    }
    HostFactory named = HostAliases.over(hosts, specs);
    Engine e = named == hosts ? this : new Engine(named, clock);
    aliasedFor = new Object[] {specs, e};
    return e;
  }

  private volatile Object[] aliasedFor;

  /**
   * {@code host} as it is, and each other host cut down to its copies of the domains {@code wanted}
   * (left out when it has none): what one host's pass plans against.
   */
  private Observation observeFor(
      SpecSet mine,
      String host,
      Map<String, Long> others,
      java.util.Set<String> wanted,
      boolean again) {
    Observation here = observe(mine, List.of(host));
    List<Observed> all = new ArrayList<>(here.hosts());
    Map<String, Long> revisions = new HashMap<>(here.revisions());
    for (Map.Entry<String, Long> other : others.entrySet()) {
      String name = other.getKey();
      Hypervisor h;
      long revision;
      try {
        h = hosts.open(name);
        revision = again ? h.revision() : other.getValue();
      } catch (RuntimeException gone) {
        continue; // it stopped answering since: as if it had not answered
      }
      Names known = fleet.get(name);
      if (known != null
          && known.revision() == revision
          && java.util.Collections.disjoint(known.names(), wanted)) {
        continue; // unchanged since it was last read, and none of this host's domains are there
      }
      List<xm.hypervisor.DomainInfo> domains = h.domains();
      java.util.Set<String> names = new java.util.HashSet<>();
      domains.forEach(d -> names.add(d.name()));
      fleet.put(name, new Names(revision, names));
      List<xm.hypervisor.DomainInfo> copies =
          domains.stream().filter(d -> wanted.contains(d.name())).toList();
      if (copies.isEmpty()) {
        continue;
      }
      Observed o =
          Observed.of(
              name,
              h.info(),
              domains,
              h.capabilities(),
              h.now().toEpochMilli(),
              new Observed.Access(h.activePolicy(), h.resourceLabels()));
      all.add(
          new Observed(
              o.host(),
              o.exists(),
              o.totalMemoryMiB(),
              o.freeMemoryMiB(),
              o.cpus(),
              copies,
              o.capabilities(),
              o.nowMs(),
              o.access()));
      revisions.put(name, revision);
    }
    return new Observation(all, revisions, Causes.NONE);
  }

  /** The domain names a host had at a revision: which hosts a pass need not read again. */
  private record Names(long revision, java.util.Set<String> names) {}

  /**
   * What {@link #observeFor} last read of each host (the controller keeps one engine for its life).
   */
  private final Map<String, Names> fleet = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The part of {@code specs} that is {@code host}'s: the domains placed on it, its Host document,
   * the policies placed on it (or on every host), and the resource labels (one global store).
   */
  private static SpecSet placedOn(SpecSet specs, String host, String defaultHost) {
    List<DomainSpec> domains =
        specs.domains().stream()
            .filter(d -> host.equals(d.host() == null ? defaultHost : d.host()))
            .toList();
    List<HostDoc> hostDocs = specs.hosts().stream().filter(h -> h.name().equals(host)).toList();
    List<xm.spec.PolicyDoc> policies = new ArrayList<>();
    for (xm.spec.PolicyDoc p : specs.policies()) {
      if (p.hosts().isEmpty()) {
        policies.add(p);
      } else if (p.hosts().contains(host)) {
        policies.add(new xm.spec.PolicyDoc(p.policy(), List.of(host), p.location()));
      }
    }
    return new SpecSet(domains, hostDocs, policies, specs.resourceLabels());
  }

  /** Whether {@code c} is on {@code host}, or moves a domain to it. */
  private static boolean touches(Change c, String host) {
    if (host.equals(c.host())) {
      return true;
    }
    return c.ops().stream()
        .anyMatch(
            op ->
                host.equals(op.host())
                    || (op instanceof xm.plan.Op.Migrate m && host.equals(m.target())));
  }

  /**
   * What {@code xm diff --save-plan} shows and keeps: the plan, and its saved form (null when
   * refused).
   */
  public record Saving(Result result, SavedPlan plan) {}

  /**
   * Plans as {@code xm diff} does (nothing is locked or changed) and keeps what made the plan: the
   * spec texts, the options, each host's revision and clock. A refused plan is not kept.
   */
  public Saving planToSave(SpecSource source, Settings s) {
    SpecLoader.Read read = SpecLoader.read(source.paths(), source.cwd(), source.stdin(), false);
    Result r = reconcile(read.specs(), s, false, EngineListener.NONE);
    if (r.plan().refused()) {
      return new Saving(r, null);
    }
    return new Saving(
        r, SavedPlan.of(read.texts(), s.plan(), r.observation(), r.plan(), clock.instant()));
  }

  /**
   * Applies a saved plan exactly, or refuses it whole and changes nothing: under the whole-apply
   * locks (when applying) it observes every host, plans again from the saved specs and options at
   * the saved clocks, and refuses when that plan is not the saved one (as stale, naming the first
   * change, when a host moved since; as not matching otherwise), or when a host the plan acts on
   * moved since it was made (a change elsewhere that leaves the plan as it was does not matter);
   * otherwise it applies it as {@link #reconcile} does. The saved plan's options are used, not
   * {@code s.plan()}.
   */
  public Result apply(SavedPlan saved, Settings s, boolean apply, EngineListener listener) {
    Settings run =
        new Settings(
            saved.options().planOptions(),
            s.parallelism(),
            s.stopTimeout(),
            s.lockTimeout(),
            s.origin());
    SpecSet specs;
    try {
      specs = SpecLoader.parse(saved.specs(), false);
    } catch (SpecError e) {
      throw doesNotMatch("its specs do not read: " + e.problems().get(0));
    }
    HostFactory named = HostAliases.over(hosts, specs);
    if (named != hosts) {
      return new Engine(named, clock).apply(saved, s, apply, listener);
    }
    java.util.function.Supplier<List<String>> hostsOfPlan =
        () -> {
          TreeSet<String> all = new TreeSet<>(hostNamesHere(specs, run.plan().defaultHost()));
          all.addAll(saved.hosts().keySet());
          return new ArrayList<>(all);
        };
    try (Locked held = lock(hostsOfPlan, apply, run, listener)) {
      List<String> names = held.names();
      Observation seen = observe(specs, names);
      List<Observed> atSavedClocks = new ArrayList<>();
      for (Observed h : seen.hosts()) {
        SavedPlan.HostMark mark = saved.hosts().get(h.host());
        atSavedClocks.add(mark == null ? h : h.at(mark.clockMs()));
      }
      Observation unexplained = new Observation(atSavedClocks, seen.revisions(), seen.causes());
      Plan plan = Planner.plan(specs, unexplained.hosts(), run.plan());
      Observation obs = explain(plan, unexplained);
      if (plan.refused()
          || !PlanFile.sameJson(PlanJson.of(plan, obs.causes(), plan.problems()), saved.plan())
          || !SavedPlan.operations(plan).equals(saved.operations())) {
        requireCurrent(saved, names);
        throw doesNotMatch(
            saved.xm().equals(SavedPlan.version())
                ? null
                : "it was made by xm " + saved.xm() + ", this is xm " + SavedPlan.version());
      }
      // The same plan again: only the hosts it touches must not have moved since.
      requireCurrent(saved, touched(plan));
      listener.planned(plan, obs);
      if (!apply || !plan.hasWork()) {
        return new Result(plan, obs, List.of());
      }
      return new Result(plan, obs, run(plan, run, listener));
    }
  }

  /** The hosts a plan's operations act on (a migration also touches its target). */
  private static List<String> touched(Plan plan) {
    TreeSet<String> out = new TreeSet<>();
    for (xm.plan.Change c : plan.changes()) {
      for (xm.plan.Op op : c.ops()) {
        out.add(op.host());
        if (op instanceof xm.plan.Op.Migrate m) {
          out.add(m.target());
        }
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * Refuses {@code saved} when a host it observed changed since (its revision moved), or exists now
   * and did not then, or the reverse; names the first change of each such host.
   */
  private void requireCurrent(SavedPlan saved, List<String> names) {
    List<String> stale = new ArrayList<>();
    for (String name : names) {
      SavedPlan.HostMark mark = saved.hosts().get(name);
      long then = mark == null ? -1 : mark.revision();
      boolean exists = hosts.exists(name);
      long now = exists ? hosts.open(name).revision() : -1;
      if (now == then) {
        continue;
      }
      if (then < 0) {
        stale.add("host '" + name + "' did not exist when the plan was made and does now");
      } else if (!exists) {
        stale.add("host '" + name + "' existed when the plan was made and does not now");
      } else {
        stale.add(changedSince(name, hosts.open(name).changes(then), then, now));
      }
    }
    if (!stale.isEmpty()) {
      throw XmException.error(
          "plan is stale: "
              + String.join("; ", stale)
              + "; nothing was changed: make the plan again with xm diff --save-plan");
    }
  }

  /** "host 'localhost' changed at 14:05:02 by xm mem-set web1 384 (and 2 more changes)". */
  private static String changedSince(String host, List<ChangeEvent> events, long then, long now) {
    if (events.isEmpty()) {
      return "host '"
          + host
          + "' changed since the plan was made (revision "
          + then
          + " then, "
          + now
          + " now)";
    }
    ChangeEvent first = events.get(0);
    int more = events.size() - 1;
    return "host '"
        + host
        + "' changed at "
        + StaleTime.FORMAT.format(Instant.ofEpochMilli(first.timeMs()))
        + " by "
        + first.who()
        + (more == 0 ? "" : " (and " + more + " more change" + (more == 1 ? "" : "s") + ")");
  }

  /**
   * Times of the changes that make a saved plan stale: the host's clock, as its log shows it (UTC).
   */
  private static final class StaleTime {
    static final DateTimeFormatter FORMAT =
        DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  }

  private static XmException doesNotMatch(String why) {
    return XmException.error(
        "plan file does not match what it would apply"
            + (why == null ? "" : " (" + why + ")")
            + "; make it again with xm diff --save-plan");
  }

  /** Applies a plan as it is (the caller holds the locks and checked it is current). */
  List<Outcome> run(Plan plan, Settings s, EngineListener listener) {
    return Applier.apply(
        plan,
        hosts,
        s.parallelism(),
        s.stopTimeout(),
        s.origin(),
        new xm.apply.ApplyListener() {
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

  /** The hosts an apply looks at, and their whole-apply locks when it applies. */
  record Locked(List<String> names, Locks.Held held) implements AutoCloseable {
    @Override
    public void close() {
      held.close();
    }
  }

  /**
   * Takes the whole-apply locks of the hosts {@code names} lists (nothing when not applying). The
   * list comes from the inventory, which another apply may grow while this one waits (a host
   * declared by its specs, with domains of this scope on it): so once the locks are held the list
   * is made again, and when it grew, the locks are given back and taken again for all of them, in
   * order. Otherwise the plan would miss domains on the new host and, say, create a second copy.
   */
  Locked lock(
      java.util.function.Supplier<List<String>> names,
      boolean apply,
      Settings s,
      EngineListener listener) {
    List<String> want = names.get();
    if (!apply) {
      return new Locked(want, Locks.Held.NONE);
    }
    while (true) {
      Locks.Held held = locks.all(want, s.origin(), s.lockTimeout(), listener);
      List<String> now;
      try {
        now = names.get();
      } catch (RuntimeException e) {
        held.close();
        throw e;
      }
      if (want.containsAll(now)) {
        return new Locked(want, held);
      }
      held.close();
      TreeSet<String> more = new TreeSet<>(want);
      more.addAll(now);
      want = new ArrayList<>(more);
    }
  }

  /**
   * The hosts a reconciliation looks at: the default host, the hosts the specs name or declare, and
   * every host of the inventory (managed domains of the scope may live on any of them), sorted, so
   * that locks are always taken in one order.
   */
  public List<String> hostNames(SpecSet specs, String defaultHost) {
    HostFactory named = HostAliases.over(hosts, specs);
    if (named != hosts) {
      return new Engine(named, clock).hostNamesHere(specs, defaultHost);
    }
    return hostNamesHere(specs, defaultHost);
  }

  private List<String> hostNamesHere(SpecSet specs, String defaultHost) {
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
        observed.add(
            Observed.of(
                name,
                h.info(),
                h.domains(),
                h.capabilities(),
                h.now().toEpochMilli(),
                new Observed.Access(h.activePolicy(), h.resourceLabels())));
        revisions.put(name, revision);
      } else if (declared.containsKey(name)) {
        HostDoc doc = declared.get(name);
        observed.add(
            Observed.prospective(
                name,
                hosts.prospective(doc.template()),
                hosts.prospectiveCapabilities(doc.template()),
                clock.millis()));
        revisions.put(name, -1L);
      }
    }
    return new Observation(observed, revisions, Causes.NONE);
  }

  /**
   * {@code obs} with who made the differences {@code plan} shows: the change events of the hosts
   * where a domain that exists differs from its spec (the fields a drift report names a cause for),
   * and of no other host. A converged fleet reads no history at all, and a drifted one only the
   * history of the hosts that drifted, however many hosts the fleet has.
   */
  Observation explain(Plan plan, Observation obs) {
    TreeSet<String> drifted = new TreeSet<>();
    for (Change c : plan.changes()) {
      if (c.isDomain()
          && c.action() != Action.CREATE
          && (!c.fields().isEmpty() || !c.pending().isEmpty())) {
        drifted.add(c.host());
      }
    }
    Map<String, List<ChangeEvent>> events = new HashMap<>();
    java.util.Set<String> unrecorded = new java.util.HashSet<>();
    for (String name : drifted) {
      if (obs.revisions().getOrDefault(name, -1L) >= 0) {
        Hypervisor h = hosts.open(name);
        if (h.recordsChanges()) {
          events.put(name, h.changes(0));
        } else {
          unrecorded.add(name);
        }
      }
    }
    return events.isEmpty() && unrecorded.isEmpty()
        ? obs
        : new Observation(obs.hosts(), obs.revisions(), Causes.of(events, obs.hosts(), unrecorded));
  }

  /** Holders of whole-apply locks are named by this process. */
  static ApplyLock.Holder holder(String origin, Clock clock) {
    return new ApplyLock.Holder(origin, ProcessHandle.current().pid(), clock.millis());
  }
}
