package xm.controller;

import static org.quartz.JobBuilder.newJob;
import static org.quartz.SimpleScheduleBuilder.simpleSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import xm.apply.Outcome;
import xm.apply.Status;
import xm.diag.SafeText;
import xm.diag.XmException;
import xm.plan.Change;
import xm.plan.Hold;
import xm.plan.Observed;
import xm.plan.Plan;
import xm.plan.PlanOptions;
import xm.reconcile.Engine;
import xm.reconcile.EngineListener;
import xm.reconcile.Observation;
import xm.reconcile.Result;
import xm.reconcile.Settings;
import xm.reconcile.SpecSource;
import xm.spec.SpecError;
import xm.spec.SpecSet;

/**
 * The reconciliation loop. Quartz runs one job per host ({@link HostPassJob}: never two at once for
 * one host, also across instances in clustered mode) every interval, and a feed job ({@link
 * FeedJob}) that polls the spec source and, on a new revision, triggers every host at once. A pass
 * reconciles the host's share of the specs through the engine, under that host's whole-apply lock
 * ({@link Engine#reconcileHost}). A failed pass backs off exponentially with jitter, for that host
 * alone; a spec error or a refused plan is reported and retried only when the specs change.
 * Stopping waits for the passes in flight, so no change is left half-applied.
 */
public final class Controller implements AutoCloseable {
  /**
   * @param plan what to reconcile (scope, prune, default host)
   * @param interval how often each host is reconciled when nothing changes
   * @param poll how often the spec source is read
   * @param maxBackoff the longest wait after failed passes
   * @param threads passes run at once (different hosts)
   * @param parallelism changes at once within a pass
   * @param cluster a PostgreSQL JDBC URL for the clustered job store, or null (one process, in
   *     memory)
   * @param instance this instance's name (in status, logs and the cluster)
   */
  public record Options(
      PlanOptions plan,
      Duration interval,
      Duration poll,
      Duration maxBackoff,
      int threads,
      int parallelism,
      Duration stopTimeout,
      Duration lockTimeout,
      String origin,
      String cluster,
      String instance) {}

  /** Where the controller's lines go (one per change, one per failed pass). */
  public interface Log {
    void line(String text);
  }

  /** A revision of the specs as loaded: the set, or why it could not be. */
  record Loaded(String revision, SpecSet specs, String error) {}

  static final String CONTEXT_KEY = "xm.controller";
  static final String HOSTS = "hosts";

  private final Engine engine;
  private final Options o;
  private final SpecFeed feed;
  private final Log log;
  private final Clock clock;
  private final Backoff backoff;
  private final StatusFile statusFile;
  final Metrics metrics = new Metrics();
  private final Map<String, HostStatus> status = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> lastSeen = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> hostLocks = new ConcurrentHashMap<>();
  private final Map<String, String> refusedAt = new ConcurrentHashMap<>();
  private volatile Loaded current;
  private volatile String feedError;
  private volatile boolean stopping;
  private Scheduler scheduler;
  private final java.util.concurrent.ScheduledExecutorService feedTimer =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "xm-feed");
            t.setDaemon(true);
            return t;
          });

  public Controller(
      Engine engine, Options o, SpecFeed feed, Log log, StatusFile statusFile, Backoff backoff) {
    this.engine = engine;
    this.o = o;
    this.feed = feed;
    this.log = log;
    this.clock = engine.clock();
    this.backoff = backoff;
    this.statusFile = statusFile;
  }

  /** Reads the specs once, then starts the scheduler: the feed job and one job per host. */
  public void start() {
    poll();
    try {
      scheduler = new StdSchedulerFactory(QuartzConfig.properties(o)).getScheduler();
      scheduler.getContext().put(CONTEXT_KEY, this);
      syncJobs(true);
      scheduler.start();
      // each instance reads the source itself (each needs the specs), on its own timer
      feedTimer.scheduleWithFixedDelay(
          () -> {
            try {
              poll();
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
              // the timer stops for good on anything it lets through: report it and keep reading
              // the source
              String why = "the spec source could not be read: " + e;
              if (!why.equals(feedError)) {
                log.line(stamp() + " " + SafeText.oneLine(why));
              }
              feedError = why;
            }
          },
          o.poll().toMillis(),
          o.poll().toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (SchedulerException e) {
      throw XmException.error(
          "controller: the scheduler did not start: "
              + SafeText.oneLine(String.valueOf(e.getMessage())));
    }
  }

  /**
   * Reads the spec source; on a new revision loads it, makes and removes host jobs to match, and
   * triggers every host at once. Returns whether the revision moved.
   */
  public boolean poll() {
    SpecFeed.Snapshot snap;
    try {
      snap = feed.poll();
      feedError = null;
    } catch (XmException e) {
      String why = SafeText.oneLine(e.getMessage());
      if (!why.equals(feedError)) {
        log.line(
            stamp()
                + " spec source: "
                + why
                + (current == null
                    ? " (no revision yet: nothing is applied until it reads)"
                    : " (keeping revision " + current.revision() + ")"));
      }
      feedError = why;
      writeStatus();
      return false;
    }
    Loaded was = current;
    if (was != null && was.revision().equals(snap.revision())) {
      return false;
    }
    Loaded now;
    try {
      now =
          new Loaded(
              snap.revision(),
              engine.load(
                  new SpecSource(snap.paths(), snap.cwd(), java.io.InputStream.nullInputStream())),
              null);
      log.line(
          stamp()
              + " revision "
              + snap.revision()
              + " of "
              + feed.describe()
              + ": "
              + now.specs().domains().size()
              + " domain(s)");
    } catch (SpecError e) {
      now =
          new Loaded(
              snap.revision(),
              null,
              SafeText.oneLine(
                  e.problems().get(0)
                      + (e.problems().size() > 1
                          ? " (and " + (e.problems().size() - 1) + " more problem(s))"
                          : "")));
      log.line(
          stamp()
              + " revision "
              + snap.revision()
              + " of "
              + feed.describe()
              + " is refused: "
              + SafeText.oneLine(now.error()));
    } catch (XmException e) {
      now = new Loaded(snap.revision(), null, SafeText.oneLine(e.getMessage()));
      log.line(
          stamp()
              + " revision "
              + snap.revision()
              + " cannot be read: "
              + SafeText.oneLine(e.getMessage()));
    }
    current = now;
    if (scheduler != null) {
      syncJobs(now.specs() != null);
    }
    writeStatus();
    return true;
  }

  /**
   * Reads the source first when {@code revision} (a trigger's) is not the one this instance has.
   */
  void catchUp(String revision) {
    Loaded l = current;
    if (revision != null && (l == null || !l.revision().equals(revision))) {
      poll();
    }
  }

  /** The hosts of the current specs (the default host, those they name, and the inventory). */
  List<String> hosts() {
    Loaded l = current;
    TreeSet<String> names = new TreeSet<>(status.keySet());
    if (l != null && l.specs() != null) {
      names = new TreeSet<>(engine.hostNames(l.specs(), o.plan().defaultHost()));
    }
    names.add(o.plan().defaultHost());
    return new ArrayList<>(names);
  }

  private void syncJobs(boolean triggerAll) {
    List<String> want = hosts();
    try {
      Set<JobKey> have =
          scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(HOSTS));
      for (JobKey k : have) {
        if (!want.contains(k.getName()) && (current == null || current.specs() != null)) {
          scheduler.deleteJob(k);
          status.remove(k.getName());
        }
      }
      for (String host : want) {
        JobKey key = JobKey.jobKey(host, HOSTS);
        status.putIfAbsent(host, HostStatus.waiting(host, o.instance()));
        if (!scheduler.checkExists(key)) {
          JobDetail job =
              newJob(HostPassJob.class)
                  .withIdentity(key)
                  .usingJobData(HostPassJob.HOST, host)
                  .storeDurably()
                  .requestRecovery()
                  .build();
          scheduler.addJob(job, true);
        }
        if (!scheduler.checkExists(TriggerKey.triggerKey(host, HOSTS))) {
          scheduler.scheduleJob(regular(host, Duration.ZERO));
        }
        if (triggerAll && current != null) {
          // the revision goes with the trigger: an instance that has not read it yet reads it first
          scheduler.triggerJob(
              key, new org.quartz.JobDataMap(Map.of(HostPassJob.REVISION, current.revision())));
        }
      }
    } catch (SchedulerException e) {
      log.line(stamp() + " scheduler: " + SafeText.oneLine(String.valueOf(e.getMessage())));
    }
  }

  private Trigger regular(String host, Duration first) {
    return newTrigger()
        .withIdentity(host, HOSTS)
        .forJob(JobKey.jobKey(host, HOSTS))
        .startAt(Date.from(clock.instant().plus(first.isZero() ? o.interval() : first)))
        .withSchedule(
            simpleSchedule()
                .withIntervalInMilliseconds(o.interval().toMillis())
                .repeatForever()
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }

  /**
   * One pass over {@code host}: never two at once for one host in this process (Quartz keeps its
   * jobs apart, across instances too; this lock covers a pass asked for directly).
   */
  public HostStatus pass(String host) {
    ReentrantLock lock = hostLocks.computeIfAbsent(host, h -> new ReentrantLock());
    lock.lock();
    try {
      return passLocked(host);
    } catch (RuntimeException bug) {
      // a pass must never end silently (Quartz would swallow it): a failure like any other, named
      String where = bug.getStackTrace().length == 0 ? "" : " at " + bug.getStackTrace()[0];
      return record(
          host,
          status.getOrDefault(host, HostStatus.waiting(host, o.instance())),
          revision(),
          "failed",
          "internal error: " + bug + where,
          0,
          0,
          true);
    } finally {
      lock.unlock();
    }
  }

  private HostStatus passLocked(String host) {
    HostStatus before = status.getOrDefault(host, HostStatus.waiting(host, o.instance()));
    Loaded l = current;
    if (l == null) {
      return record(
          host,
          before,
          null,
          "failed",
          "the spec source has not been read: " + feedError,
          0,
          0,
          true);
    }
    if (l.specs() == null) {
      return record(host, before, l.revision(), "refused", l.error(), 0, 0, false);
    }
    if (l.revision().equals(refusedAt.get(host))) {
      return before; // refused at this revision: tried again when the specs change
    }
    long start = System.nanoTime();
    List<Outcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
    EngineListener listener =
        new EngineListener() {
          @Override
          public void waiting(String h, xm.hypervisor.ApplyLock.Holder holder) {
            log.line(
                stamp()
                    + " "
                    + host
                    + ": waiting for host "
                    + h
                    + ": another apply holds it"
                    + (holder == null
                        ? ""
                        : " ("
                            + SafeText.oneLine(holder.command())
                            + ", pid "
                            + holder.pid()
                            + ")"));
          }

          @Override
          public void finished(Outcome out) {
            outcomes.add(out);
            Change c = out.change();
            log.line(
                stamp()
                    + " "
                    + host
                    + ": "
                    + c.action().glyph()
                    + " "
                    + (c.isDomain()
                        ? c.domain()
                        : "("
                            + c.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + ")")
                    + ": "
                    + (out.status() == Status.SUCCEEDED
                        ? "done" + (out.message().isEmpty() ? "" : ", " + out.message())
                        : out.status().name() + ": " + SafeText.oneLine(out.message()))
                    + fields(c)
                    + " ["
                    + l.revision()
                    + "]");
          }
        };
    Map<String, String> down = new TreeMap<>();
    Result r;
    try {
      r =
          engine.reconcileHost(
              l.specs(),
              host,
              settings(),
              true,
              listener,
              unreachable -> {
                Set<String> unseen = new TreeSet<>();
                unreachable.forEach(
                    (h, e) -> {
                      down.put(h, e.getMessage());
                      unseen.addAll(lastSeen.getOrDefault(h, Set.of()));
                    });
                return unseen;
              });
    } catch (XmException e) {
      metrics.duration.labelValues(host).observe((System.nanoTime() - start) / 1e9);
      String why = e instanceof SpecError se ? se.problems().get(0) : e.getMessage();
      return record(host, before, l.revision(), "failed", why, 0, 0, true);
    }
    metrics.duration.labelValues(host).observe((System.nanoTime() - start) / 1e9);
    remember(r.observation(), outcomes);
    Plan plan = r.plan();
    int drift = (int) plan.changes().stream().filter(c -> !c.ops().isEmpty()).count();
    if (plan.refused()) {
      refusedAt.put(host, l.revision());
      return record(
          host,
          before,
          l.revision(),
          "refused",
          plan.problems().get(0).toString(),
          drift,
          0,
          false,
          held(plan));
    }
    refusedAt.remove(host);
    long failed = outcomes.stream().filter(x -> x.status() != Status.SUCCEEDED).count();
    int applied = (int) outcomes.stream().filter(x -> x.status() == Status.SUCCEEDED).count();
    metrics.changes.labelValues(host).inc(applied);
    if (failed > 0) {
      Outcome first =
          outcomes.stream().filter(x -> x.status() != Status.SUCCEEDED).findFirst().orElseThrow();
      return record(
          host,
          before,
          l.revision(),
          "failed",
          failed
              + " change(s) failed; first: "
              + (first.change().isDomain() ? first.change().domain() + ": " : "")
              + first.message(),
          drift,
          applied,
          true,
          held(plan));
    }
    long pending = r.pendingRestarts();
    String result = applied > 0 ? "healed" : pending > 0 ? "pending" : "converged";
    String message =
        applied > 0
            ? applied + " change(s) applied"
            : pending > 0 ? pending + " restart(s) wait for --allow-restart" : "in sync";
    if (!down.isEmpty()) {
      message += "; not reachable: " + String.join(", ", down.keySet());
    }
    return record(host, before, l.revision(), result, message, drift, applied, false, held(plan));
  }

  /**
   * " (memory: 200 MiB -> 128 MiB; vcpus: 1 -> 2)": what an update changed, at most three fields.
   */
  private static String fields(Change c) {
    if (c.fields().isEmpty() || c.action() == xm.plan.Action.CREATE) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (xm.plan.FieldChange f : c.fields()) {
      if (parts.size() == 3) {
        parts.add("...");
        break;
      }
      parts.add(f.field() + ": " + f.before() + " -> " + f.after());
    }
    return " (" + SafeText.oneLine(String.join("; ", parts)) + ")";
  }

  private Settings settings() {
    return new Settings(o.plan(), o.parallelism(), o.stopTimeout(), o.lockTimeout(), o.origin());
  }

  /**
   * The domains each observed host runs, and those this pass put on a host (the observation was
   * made before the pass): where to look for them when that host does not answer later.
   */
  private void remember(Observation obs, List<Outcome> outcomes) {
    for (Observed h : obs.hosts()) {
      Set<String> names = ConcurrentHashMap.newKeySet();
      h.domains().forEach(d -> names.add(d.name()));
      lastSeen.put(h.host(), names);
    }
    synchronized (outcomes) {
      for (Outcome out : outcomes) {
        Change c = out.change();
        if (out.status() != Status.SUCCEEDED || !c.isDomain()) {
          continue;
        }
        lastSeen.computeIfAbsent(c.host(), h -> ConcurrentHashMap.newKeySet()).add(c.domain());
        for (xm.plan.Op op : c.ops()) {
          if (op instanceof xm.plan.Op.Migrate m) {
            lastSeen
                .computeIfAbsent(m.target(), h -> ConcurrentHashMap.newKeySet())
                .add(c.domain());
          }
        }
      }
    }
  }

  private static List<String> held(Plan plan) {
    List<String> out = new ArrayList<>();
    for (Change c : plan.changes()) {
      for (Hold h : c.held()) {
        out.add(
            c.domain()
                + " "
                + h.field()
                + " until "
                + Instant.ofEpochMilli(h.untilMs())
                + " ("
                + h.origin()
                + ")");
      }
    }
    return out;
  }

  private HostStatus record(
      String host,
      HostStatus before,
      String revision,
      String result,
      String message,
      int drift,
      int applied,
      boolean failure) {
    return record(host, before, revision, result, message, drift, applied, failure, List.of());
  }

  private HostStatus record(
      String host,
      HostStatus before,
      String revision,
      String result,
      String message,
      int drift,
      int applied,
      boolean failure,
      List<String> held) {
    int failures = failure ? before.failures() + 1 : 0;
    metrics.passes.labelValues(host, result).inc();
    metrics.drift.labelValues(host).set(drift);
    if (failure) {
      metrics.failures.labelValues(host).inc();
      log.line(
          stamp()
              + " "
              + host
              + ": pass failed ("
              + failures
              + " in a row): "
              + SafeText.oneLine(message));
    } else if (result.equals("refused") && !"refused".equals(before.result())) {
      log.line(
          stamp()
              + " "
              + host
              + ": refused: "
              + SafeText.oneLine(message)
              + " (tried again when the specs change)");
    }
    Instant next = reschedule(host, failure, failures, before.failures());
    HostStatus s =
        new HostStatus(
            host,
            clock.instant().toString(),
            revision,
            result,
            SafeText.oneLine(message),
            drift,
            applied,
            failures,
            next == null ? null : next.toString(),
            held,
            o.instance());
    status.put(host, s);
    writeStatus();
    return s;
  }

  /**
   * After a failure the host's next pass comes after the backoff; after a recovery, after an
   * interval.
   */
  private Instant reschedule(String host, boolean failure, int failures, int failuresBefore) {
    if (scheduler == null || stopping) {
      return null;
    }
    try {
      TriggerKey key = TriggerKey.triggerKey(host, HOSTS);
      if (failure) {
        scheduler.rescheduleJob(key, regular(host, backoff.after(failures)));
      } else if (failuresBefore > 0) {
        scheduler.rescheduleJob(key, regular(host, o.interval()));
      }
      Trigger t = scheduler.getTrigger(key);
      return t == null || t.getNextFireTime() == null ? null : t.getNextFireTime().toInstant();
    } catch (SchedulerException e) {
      return null;
    }
  }

  private void writeStatus() {
    if (statusFile != null) {
      statusFile.write(snapshot());
    }
  }

  /** Whether the spec source reads and its current revision loads (for /healthz). */
  public String health() {
    Loaded l = current;
    if (feedError != null) {
      return "spec source: " + feedError;
    }
    if (l == null) {
      return "spec source not read yet";
    }
    return l.error() == null ? null : "revision " + l.revision() + " is refused: " + l.error();
  }

  /**
   * Whether every host has had a pass (for /readyz); in clustered mode, whether this instance has
   * the specs and its scheduler runs (the hosts' passes are shared: a standby may run none).
   */
  public String readiness() {
    if (current == null) {
      return "spec source not read yet";
    }
    if (o.cluster() != null) {
      return scheduler == null ? "the scheduler has not started" : null;
    }
    List<String> waiting =
        status.values().stream().filter(s -> s.lastPass() == null).map(HostStatus::host).toList();
    return waiting.isEmpty() ? null : "no pass yet on " + String.join(", ", waiting);
  }

  /** Every host's status, by name. */
  public Map<String, HostStatus> status() {
    return new TreeMap<>(status);
  }

  public String revision() {
    Loaded l = current;
    return l == null ? null : l.revision();
  }

  StatusFile.Snapshot snapshot() {
    Loaded l = current;
    return new StatusFile.Snapshot(
        o.instance(),
        ProcessHandle.current().pid(),
        feed.describe(),
        l == null ? null : l.revision(),
        l == null ? null : l.error(),
        feedError,
        o.interval().toSeconds(),
        clock.instant().toString(),
        new ArrayList<>(new TreeMap<>(status).values()));
  }

  boolean stopping() {
    return stopping;
  }

  private String stamp() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  /** Stops: no new pass starts; the passes in flight finish (never a half-applied change). */
  @Override
  public void close() {
    stopping = true;
    feedTimer.shutdownNow();
    if (scheduler != null) {
      try {
        scheduler.shutdown(true);
      } catch (SchedulerException e) {
        log.line(stamp() + " scheduler: " + SafeText.oneLine(String.valueOf(e.getMessage())));
      }
    }
    feed.close();
    writeStatus();
  }
}
