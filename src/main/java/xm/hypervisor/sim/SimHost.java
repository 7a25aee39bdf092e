package xm.hypervisor.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import xm.diag.XmException;
import xm.hypervisor.BlockDevice;
import xm.hypervisor.CreateOptions;
import xm.hypervisor.DeviceNumbers;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.HostInfo;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.NetDevice;
import xm.hypervisor.ShutdownMode;
import xm.hypervisor.VifSpec;

/**
 * The embedded simulated Xen host: a {@link Hypervisor} whose state lives in a directory and which
 * enforces Xen's rules (memory accounting against total_memory, VCPU maxima fixed at boot, ids
 * never reused, unique names, Domain-0's privileges, asynchronous shutdown and reboot).
 *
 * <p>Every change is one transaction under the host's lock: read the state, let simulated time
 * catch up (finishing due shutdowns and reboots), apply the operation, and append what changed to
 * the state journal durably (see {@link StateFiles}). Reads take no lock: they see the last
 * committed state, with what fell due since applied in memory only. Safe for concurrent use by
 * threads and processes.
 */
public final class SimHost implements Hypervisor {
  private final SimHosts hosts;
  private final String name;
  private final StateStore store;
  private final HostSpec spec;
  private final StateFiles files;

  SimHost(SimHosts hosts, String name, StateStore store, HostSpec spec) {
    this.hosts = hosts;
    this.name = name;
    this.store = store;
    this.spec = spec;
    this.files = new StateFiles(store, name, spec);
  }

  public String name() {
    return name;
  }

  public HostSpec spec() {
    return spec;
  }

  Path dir() {
    return store.dir();
  }

  StateStore store() {
    return store;
  }

  SimHosts hosts() {
    return hosts;
  }

  // ---- transactions -------------------------------------------------------------------------

  <T> T tx(String origin, boolean mutating, Function<Tx, T> body) {
    if (mutating && spec.opLatencyMs() > 0) {
      sleep(spec.opLatencyMs());
    }
    if (mutating) {
      return GroupCommit.of(store.dir()).submit(this, origin, body);
    }
    return read(origin, body);
  }

  /**
   * A read: the last committed state, without the host's lock (so it works on a read-only {@code
   * XM_HOME}, a full disk, and while a writer holds the lock). What fell due by the clock is
   * applied in memory for what the read shows and written by the next writer, stamped with its due
   * time. A state with migration marks is recovered first (that writes, under the lock); where it
   * cannot be, it is shown as it is.
   */
  private <T> T read(String origin, Function<Tx, T> body) {
    boolean marksAsTheyAre = false;
    while (true) {
      try (StateStore.InProcess local = store.thisProcess()) {
        SimState s = current(false);
        if (marksAsTheyAre || !hasMigrationMarks(s)) {
          long now = now(s);
          long due = Lifecycle.nextDue(s);
          if (due < 0 || due > now) {
            // a read with nothing due changes nothing: no snapshot of every domain to compare with
            return body.apply(Tx.reading(spec, s, now, origin));
          }
          // this object is about to hold more than the files: nobody else may take it for them
          StateCache.forget(store.dir());
          Tx tx = new Tx(spec, s, now, origin);
          Lifecycle.catchUp(tx, now);
          return body.apply(tx);
        }
      }
      try {
        Migrator.recover(this);
      } catch (XmException cannotWrite) {
        marksAsTheyAre = true;
      }
    }
  }

  /**
   * A run for {@code group} (see {@link GroupCommit}): takes the host's lock and reads the state if
   * no hold is under way, then runs the queued transactions one after another on the state in
   * memory, each in its own {@link Tx} (its own time, revision and events, exactly as if it had run
   * alone); they join the open batch. A transaction that fails is undone before the next one runs:
   * the state is put back as it was before it (see SimState#mark), or, when the state is not ahead
   * of the file, read again from the file.
   */
  void runBatch(GroupCommit group) {
    List<GroupCommit.Request<?>> run = List.of();
    try {
      SimState s = group.state();
      if (s == null) {
        s = hold(group);
        if (s == null) {
          return;
        }
      }
      run = group.drain();
      boolean ahead = group.ahead();
      GroupCommit.Batch batch = group.open();
      for (GroupCommit.Request<?> r : run) {
        batch.requests.add(r);
        SimState.Mark before = ahead ? s.mark() : null;
        boolean ok = false;
        try {
          Tx tx = new Tx(r.host.spec, s, r.host.now(s), r.origin);
          Lifecycle.catchUp(tx, tx.now);
          if (r.run(tx)) {
            if (stage(tx, batch.staged)) {
              batch.changed = true;
              ahead = true;
            }
            ok = true;
          }
        } catch (RuntimeException | Error e) {
          r.failUnlessFailed(e);
        }
        if (!ok) {
          if (before != null) {
            s.reset(before);
          } else {
            s = reread();
            group.replace(s);
          }
        }
      }
    } catch (RuntimeException | Error e) {
      // cannot happen short of a bug: nothing of this hold that is not written yet may be now
      group.breakHold(e);
      for (GroupCommit.Request<?> r : run) {
        r.failUnlessFailed(e);
      }
    } finally {
      group.ran();
    }
  }

  /**
   * Starts a hold for a run: takes the host's lock and reads the state, completing or rolling back
   * an interrupted migration first. Null (and the queued transactions failed) when the lock or the
   * file fails.
   */
  private SimState hold(GroupCommit group) {
    while (true) {
      StateStore.Lock lock = null;
      try {
        lock = store.lock();
        SimState s = loadForUpdate();
        if (!hasMigrationMarks(s)) {
          group.hold(lock, s);
          return s;
        }
        lock.close();
        lock = null;
        Migrator.recover(this);
      } catch (RuntimeException | Error e) {
        if (lock != null) {
          lock.close();
        }
        StateCache.forget(store.dir());
        group.couldNotRun(group.drain(), e);
        return null;
      }
    }
  }

  /**
   * A write for {@code group}: encodes what the transactions of {@code batch} (and those before it)
   * changed, lets runs go on, appends it to the state journal durably, then appends the batch's
   * events, log and console lines, and folds the journal into a new checkpoint when it has grown
   * enough. Nothing is written when a write before failed or the change could not be encoded: the
   * batch's transactions fail instead.
   */
  void writeBatch(GroupCommit group, GroupCommit.Batch batch) {
    Throwable failure = group.broken();
    SimState s = group.state();
    StateFiles.Write w = null;
    try {
      if (failure == null && batch.changed) {
        w = files.prepare(s);
      }
    } catch (RuntimeException | Error e) {
      failure = e;
    } finally {
      group.encoded();
    }
    boolean wrote = false;
    if (failure == null && w != null) {
      try {
        store.removeStaleTemporaries();
        files.write(s, w);
        wrote = true;
      } catch (RuntimeException | Error e) {
        failure = e;
      }
    }
    // the callers may go on: their changes are durable (or failed). The log lines follow before
    // the hold ends.
    group.durable(batch, wrote, failure);
    try {
      if (wrote) {
        append(batch.staged);
        files.compact(s, w);
      }
    } finally {
      group.wrote();
    }
  }

  /**
   * The files' state, decoded afresh: what a failed transaction leaves when nothing else is
   * pending.
   */
  private SimState reread() {
    StateCache.forget(store.dir());
    return loadForUpdate();
  }

  /** The state to work on, under the lock (see {@link #current}). */
  private SimState loadForUpdate() {
    return current(true);
  }

  /**
   * The committed state, with this process's in-process lock held ({@code locked}: the host's lock
   * too): the object this process decoded last time when the files still hold what they held then
   * (checked by their identities), with the records other processes appended since replayed onto
   * it, else a fresh read. Saves re-parsing a large state on every operation of a long apply.
   */
  private SimState current(boolean locked) {
    SimState cached = StateCache.get(store.dir());
    if (cached != null) {
      SimState s = files.refresh(cached);
      if (s != null) {
        return s;
      }
      StateCache.forget(store.dir());
    }
    SimState s = files.read(locked);
    StateCache.put(store.dir(), s);
    return s;
  }

  private void run(String origin, java.util.function.Consumer<Tx> body) {
    tx(
        origin,
        true,
        t -> {
          body.accept(t);
          return null;
        });
  }

  /**
   * Folds the state journal into a new checkpoint now (as a write does once the journal has grown
   * enough), so that {@code state.sxp} alone holds the whole state.
   */
  void checkpointNow() {
    try (StateStore.Lock lock = store.lock()) {
      files.checkpoint(current(true));
    }
  }

  /** The committed state read afresh; call with the host's lock held. */
  SimState load() {
    return files.read(true);
  }

  /** Commits {@code tx} on its own (a read that settled something, or a step of a migration). */
  void commit(Tx tx) {
    Staged staged = new Staged();
    if (stage(tx, staged)) {
      write(tx.state, staged);
    }
  }

  /** What committed transactions leave besides the state: change events, log and console lines. */
  static final class Staged {
    final List<xm.hypervisor.ChangeEvent> events = new ArrayList<>();
    final StringBuilder log = new StringBuilder();
    final Map<String, StringBuilder> consoles = new java.util.LinkedHashMap<>();
  }

  /**
   * Ends {@code tx} as a committed change, if it changed anything: its events (against the snapshot
   * taken when it began) stamped with the next revision, its log and console lines moved to {@code
   * staged}. The state itself is written by {@link #write}.
   */
  private static boolean stage(Tx tx, Staged staged) {
    if (!tx.dirty) {
      return false;
    }
    tx.checkpoint(tx.origin);
    tx.keepFacts();
    tx.state.revision++;
    staged.events.addAll(tx.takeEvents(tx.state.revision));
    staged.log.append(tx.log);
    for (Map.Entry<String, StringBuilder> e : tx.consoles.entrySet()) {
      staged.consoles.computeIfAbsent(e.getKey(), k -> new StringBuilder()).append(e.getValue());
    }
    tx.log.setLength(0);
    tx.consoles.clear();
    tx.dirty = false;
    return true;
  }

  /**
   * Appends what changed in {@code state} to the state journal durably (see {@link StateFiles}),
   * then the staged events, log and console lines.
   */
  private void write(SimState state, Staged staged) {
    StateFiles.Write w = files.prepare(state);
    store.removeStaleTemporaries();
    files.write(state, w);
    append(staged);
    files.compact(state, w);
    StateCache.put(store.dir(), state);
  }

  /**
   * Appends what committed transactions leave besides the state: events, log and console lines
   * (each log rotated by its {@link LogFiles.Bound}), and removes the consoles of the domains that
   * left the host (see {@link #removeConsolesOfGone}).
   */
  private void append(Staged staged) {
    EventLog.append(store, staged.events);
    try {
      LogFiles.append(store.file(StateStore.LOG_FILE), staged.log.toString(), LogFiles.XEND_LOG);
      for (Map.Entry<String, StringBuilder> e : staged.consoles.entrySet()) {
        LogFiles.append(consoleFile(e.getKey()), e.getValue().toString(), LogFiles.CONSOLE);
      }
      removeConsolesOfGone(staged.events);
    } catch (java.io.IOException | RuntimeException descriptionLost) {
      // the change is committed; a lost log line must not report it as failed
    }
  }

  /**
   * A console lives as long as its domain on this host: destroyed, shut down for good, saved or
   * migrated away, its console files go (a restored or arriving domain starts a new one). Known
   * from the structured events, never from log text: the last {@code domain} event of a uuid saying
   * it is gone.
   */
  private void removeConsolesOfGone(List<xm.hypervisor.ChangeEvent> events)
      throws java.io.IOException {
    Map<String, Boolean> gone = new java.util.HashMap<>();
    for (xm.hypervisor.ChangeEvent e : events) {
      if (e.field().equals("domain")) {
        gone.put(e.uuid(), e.after().equals("(none)"));
      }
    }
    for (Map.Entry<String, Boolean> g : gone.entrySet()) {
      if (g.getValue() && xm.hypervisor.Uuids.isValid(g.getKey())) {
        LogFiles.remove(consoleFile(g.getKey()), LogFiles.CONSOLE);
      }
    }
  }

  /**
   * The console log of {@code uuid}: built by {@link ConsoleFiles}, which checks the uuid again.
   */
  private java.nio.file.Path consoleFile(String uuid) {
    return store.file(ConsoleFiles.of(uuid));
  }

  long now(SimState s) {
    return spec.clock() == ClockMode.MANUAL ? s.clockMs : System.currentTimeMillis();
  }

  private static boolean hasMigrationMarks(SimState s) {
    return s.hasMigrationMarks();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw XmException.error("interrupted");
    }
  }

  // ---- lookups ------------------------------------------------------------------------------

  /** Resolves a reference as xend did: name first, then numeric id, then uuid. */
  static SimDomain find(SimState s, String ref) {
    SimDomain d = s.byName(ref);
    if (d != null) {
      return d;
    }
    if (!ref.isEmpty() && ref.length() < 10 && ref.chars().allMatch(Character::isDigit)) {
      d = s.byId(Integer.parseInt(ref));
      if (d != null) {
        return d;
      }
    }
    d = s.byUuid(ref);
    if (d != null) {
      return d;
    }
    throw XmException.noSuchDomain(ref);
  }

  /** Whether {@code d} is a definition that is halted (not running, not suspended). */
  private static boolean halted(SimDomain d) {
    return "halted".equals(d.inactive);
  }

  /**
   * The end of a domain on the hypervisor (destroyed, saved, powered off): a persistent one stays
   * defined, halted; any other is gone.
   */
  static void end(Tx t, SimDomain d) {
    if (d.persistent) {
      d.deactivate("halted");
    } else {
      t.state.domains.remove(d);
    }
  }

  private static void requireStarted(SimDomain d) {
    if (!d.isLive()) {
      throw XmException.error("Domain '" + d.config.name() + "' is not started");
    }
  }

  // ---- reporting ----------------------------------------------------------------------------

  @Override
  public Instant now() {
    return tx(null, false, t -> Instant.ofEpochMilli(t.now));
  }

  @Override
  public xm.hypervisor.Capabilities capabilities() {
    return SimCapabilities.CAPABILITIES;
  }

  @Override
  public long revision() {
    return tx(null, false, t -> t.state.revision);
  }

  @Override
  public List<xm.hypervisor.ChangeEvent> changes(long after) {
    return tx(null, false, t -> EventLog.since(store, after));
  }

  @Override
  public HostInfo info() {
    return tx(null, false, t -> HostInfoView.of(spec, t));
  }

  @Override
  public List<DomainInfo> domains() {
    return tx(
        null,
        false,
        t -> {
          List<DomainInfo> out = new ArrayList<>(t.state.domains.size());
          for (SimDomain d : t.state.domains) {
            out.add(Views.info(d, spec, t.now));
          }
          return out;
        });
  }

  @Override
  public DomainInfo domain(String ref) {
    return tx(null, false, t -> Views.info(find(t.state, ref), spec, t.now));
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  @Override
  public DomainInfo create(DomainConfig config, CreateOptions options, String origin) {
    boolean paused = options.paused();
    return tx(
        origin,
        true,
        t -> {
          SimDomain d = Admission.admit(t, config, null, AccessControl.of(this));
          d.setManaged(options.managed());
          d.annotate(options.annotations());
          requireAnnotationsWithinLimits(d);
          d.setStartMs(t.now);
          launch(t, d, paused);
          BootText.guestBoot(t, d);
          t.log(
              "INFO",
              "Domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ") created: memory "
                  + config.memoryMiB()
                  + " MiB, "
                  + config.vcpus()
                  + " VCPU(s)"
                  + (paused ? ", paused" : "")
                  + ".");
          return Views.info(d, spec, t.now);
        });
  }

  @Override
  public void annotate(
      String ref, Boolean managed, Map<String, String> annotations, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          if (d.isDomain0()) {
            throw XmException.error("Domain-0 cannot be managed by xm");
          }
          if (managed != null) {
            d.setManaged(managed);
          }
          d.annotate(annotations);
          requireAnnotationsWithinLimits(d);
          t.log(
              "INFO",
              "Domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ")"
                  + (managed == null
                      ? ""
                      : managed ? " is managed by xm" : " is no longer managed by xm")
                  + (annotations.isEmpty() ? "" : "; annotations " + annotations.keySet())
                  + ".");
        });
  }

  @Override
  public void destroy(String ref, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          if (d.isDomain0()) {
            throw XmException.error("Cannot destroy privileged domain " + ref);
          }
          if (!d.isActive()) {
            throw XmException.error("Domain '" + d.config.name() + "' is not started");
          }
          t.log(
              "INFO",
              "Domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ") destroyed"
                  + (d.persistent ? "; it stays defined." : "."));
          end(t, d);
        });
  }

  @Override
  public void shutdown(String ref, ShutdownMode mode, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          if (d.isDomain0()) {
            throw XmException.error("Domain 0 cannot be shutdown");
          }
          requireStarted(d);
          if (d.pending != null) {
            return;
          }
          SimDomain.Pending.Kind kind =
              switch (mode) {
                case POWEROFF -> SimDomain.Pending.Kind.POWEROFF;
                case HALT -> SimDomain.Pending.Kind.HALT;
                case REBOOT -> SimDomain.Pending.Kind.REBOOT;
              };
          d.setPending(new SimDomain.Pending(kind, t.now + spec.shutdownDelayMs()));
          t.console(d, "");
          t.console(
              d,
              mode == ShutdownMode.REBOOT
                  ? "The system is going down for reboot NOW!"
                  : "The system is going down for system halt NOW!");
          t.log(
              "INFO",
              "Domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ") asked to "
                  + (mode == ShutdownMode.REBOOT
                      ? "reboot"
                      : mode == ShutdownMode.HALT ? "halt" : "power off")
                  + ".");
        });
  }

  @Override
  public void pause(String ref, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          if (d.isDomain0()) {
            throw XmException.error("Cannot pause privileged domain " + ref);
          }
          requireStarted(d);
          if (!d.paused) {
            d.accrue(t.now, Lifecycle.utilisation(d));
            d.setRunningSinceMs(-1);
            d.setPaused(true);
            t.log("INFO", "Domain " + d.config.name() + " (" + d.id + ") paused.");
          }
        });
  }

  @Override
  public void unpause(String ref, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          if (d.isDomain0()) {
            throw XmException.error("Cannot unpause privileged domain " + ref);
          }
          requireStarted(d);
          if (d.paused) {
            if (d.config.securityLabel() != null) {
              LabelCheck.requireMayRun(
                  AcmFiles.active(store), t.state, d, d.config.securityLabel());
            }
            d.setPaused(false);
            d.setRunningSinceMs(d.pending == null ? t.now : -1);
            t.log("INFO", "Domain " + d.config.name() + " (" + d.id + ") unpaused.");
          }
        });
  }

  // ---- xend's lifecycle support --------------------------------------------------------------

  @Override
  public DomainInfo define(DomainConfig config, CreateOptions options, String origin) {
    return tx(origin, true, t -> defineIn(t, config, options));
  }

  /**
   * Makes halted definition {@code ref} anew from {@code config} (same uuid), in one transaction: a
   * process killed meanwhile leaves the old definition or the new one, never none.
   */
  @Override
  public DomainInfo redefine(
      String ref, DomainConfig config, CreateOptions options, String origin) {
    return tx(
        origin,
        true,
        t -> {
          SimDomain old = find(t.state, ref);
          if (!halted(old)) {
            throw XmException.error("Domain is not halted.");
          }
          t.state.domains.remove(old);
          return defineIn(t, config.withUuid(old.uuid), options);
        });
  }

  private DomainInfo defineIn(Tx t, DomainConfig config, CreateOptions options) {
    SimDomain other = t.state.byName(config.name());
    if (other != null) {
      throw XmException.error(
          "VM name '"
              + config.name()
              + "' already exists"
              + (other.isActive() ? " as domain " + other.id : ""));
    }
    Admission.requireBuildable(t, config, config.uuid());
    SimDomain d = new SimDomain();
    String uuid =
        config.uuid() != null
            ? config.uuid()
            : newUuid(spec.name(), "new:" + config.name(), t.state.nextDomid, t.now);
    d.setUuid(uuid);
    d.setId(-1);
    d.setInactive("halted");
    d.setPersistent(true);
    d.setSched(Admission.initialSched(config));
    d.setOnlineVcpus(config.vcpus());
    // MACs are chosen now and kept, as xend wrote them into the domain's config.sxp
    d.setConfig(
        config
            .withUuid(uuid)
            .withDevices(config.disks(), Devices.assignVifs(t, d, config.vifs(), false)));
    d.setManaged(options.managed());
    d.annotate(options.annotations());
    requireAnnotationsWithinLimits(d);
    t.state.domains.add(d);
    t.log(
        "INFO",
        "Domain "
            + config.name()
            + " defined (xm new): memory "
            + config.memoryMiB()
            + " MiB, "
            + config.vcpus()
            + " VCPU(s); start it with xm start.");
    return Views.info(d, spec, t.now);
  }

  /**
   * Puts admitted domain {@code d} on the hypervisor under the next id, running or paused (a
   * create, start, resume or restore).
   */
  private static void launch(Tx t, SimDomain d, boolean paused) {
    d.setId(t.state.nextDomid++);
    d.setPaused(paused);
    d.setRunningSinceMs(paused ? -1 : t.now);
    t.state.domains.add(d);
  }

  /**
   * What the running domain {@code d} takes over from definition {@code def} it runs from: it is
   * persistent, xm's marks, and the scheduler values set while it was halted.
   */
  private static void inherit(SimDomain d, SimDomain def) {
    d.setPersistent(true);
    d.setManaged(def.managed);
    d.annotate(def.annotations);
    d.setSched(def.sched);
  }

  @Override
  public DomainInfo start(String ref, boolean paused, String origin) {
    return tx(
        origin,
        true,
        t -> {
          SimDomain def = find(t.state, ref);
          if (def.isActive()) {
            throw XmException.error("Domain is already running");
          }
          if (!halted(def)) {
            throw XmException.error(
                "Domain is suspended; continue it with xm resume " + def.config.name());
          }
          t.state.domains.remove(def);
          SimDomain d = Admission.admit(t, def.config, null, AccessControl.of(this));
          inherit(d, def); // values set while halted apply now
          d.setStartMs(t.now);
          launch(t, d, paused);
          BootText.guestBoot(t, d);
          t.log(
              "INFO",
              "Domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ") started"
                  + (paused ? ", paused" : "")
                  + ".");
          return Views.info(d, spec, t.now);
        });
  }

  @Override
  public void delete(String ref, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          boolean lostCheckpoint =
              "suspended".equals(d.inactive) && !Files.isRegularFile(checkpointFile(d.uuid));
          if (!halted(d) && !lostCheckpoint) {
            throw XmException.error(
                "Domain is not halted."
                    + ("suspended".equals(d.inactive)
                        ? " (It is suspended: xm resume it first.)"
                        : ""));
          }
          t.state.domains.remove(d);
          t.log(
              "INFO",
              "Domain "
                  + d.config.name()
                  + " deleted"
                  + (lostCheckpoint ? " (suspended, and its checkpoint was gone)." : "."));
        });
  }

  @Override
  public void suspend(String ref, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          if (d.isDomain0()) {
            throw XmException.error("Cannot suspend privileged domain " + ref);
          }
          if (!d.isLive() || d.pending != null) {
            throw XmException.error("Domain is not running");
          }
          if (!d.persistent) {
            throw XmException.error("Domain is not managed by Xend lifecycle support.");
          }
          d.accrue(t.now, Lifecycle.utilisation(d));
          Path file = checkpointFile(d.uuid);
          try {
            Files.createDirectories(file.getParent());
          } catch (java.io.IOException e) {
            throw XmException.error(
                "cannot make " + file.getParent() + ": " + StateStore.reason(e));
          }
          SaveFile.write(
              file, d, name); // first the checkpoint, then the state that says it is there
          t.log("INFO", "Domain " + d.config.name() + " (" + d.id + ") suspended to " + file + ".");
          d.deactivate("suspended");
        });
  }

  @Override
  public DomainInfo resume(String ref, boolean paused, String origin) {
    Path[] used = new Path[1];
    DomainInfo info =
        tx(
            origin,
            true,
            t -> {
              SimDomain def = find(t.state, ref);
              if (!"suspended".equals(def.inactive)) {
                throw XmException.error(
                    "Error occurred when resuming: domain "
                        + def.config.name()
                        + " is not suspended");
              }
              Path file = checkpointFile(def.uuid);
              SimDomain saved;
              if (!Files.exists(file)) {
                throw XmException.error(
                    "Error occurred when resuming: the checkpoint "
                        + file
                        + " is gone; the guest's memory is lost with it (xm delete "
                        + def.config.name()
                        + " removes the definition, then xm new makes it again)");
              }
              try {
                saved = SaveFile.read(file);
              } catch (XmException e) {
                throw XmException.error("Error occurred when resuming: " + e.getMessage());
              }
              if (!saved.uuid.equalsIgnoreCase(def.uuid)) {
                throw XmException.error(
                    "Error occurred when resuming: "
                        + file
                        + " holds another domain ("
                        + saved.uuid
                        + ")");
              }
              t.state.domains.remove(def);
              saved.config = def.config.withUuid(saved.uuid); // a rename while suspended holds
              SimDomain d = Admission.admit(t, saved.config, saved, AccessControl.of(this));
              inherit(d, def);
              launch(t, d, paused);
              t.console(d, "");
              t.console(d, "Resumed from its checkpoint.");
              t.log("INFO", "Domain " + d.config.name() + " (" + d.id + ") resumed.");
              used[0] = file;
              return Views.info(d, spec, t.now);
            });
    try { // after the commit: a crash before this leaves a checkpoint nobody uses, never a lost
      // domain
      Files.deleteIfExists(used[0]);
    } catch (java.io.IOException ignored) {
      // the next suspend of this domain writes over it
    }
    return info;
  }

  /**
   * Where a suspended domain's checkpoint lives: the host's own directory, by uuid (validated, so a
   * safe name).
   */
  private Path checkpointFile(String uuid) {
    return dir().resolve("checkpoints").resolve(uuid.toLowerCase(java.util.Locale.ROOT) + ".chk");
  }

  // ---- resources ----------------------------------------------------------------------------

  @Override
  public void setMemory(String ref, long mib, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          if (halted(d)) {
            if (mib <= 0 || mib > d.config.maxmemMiB()) {
              throw XmException.error(
                  mib <= 0
                      ? "memory_dynamic_max must be greater than zero"
                      : "memory_dynamic_max must be less than or equal to memory_static_max");
            }
            d.setConfig(withinLimits(d, d.config.withMemory(mib, d.config.maxmemMiB())));
            t.log(
                "INFO",
                "Memory of halted domain "
                    + d.config.name()
                    + " set to "
                    + mib
                    + " MiB; it starts with it.");
            return;
          }
          requireStarted(d);
          long cur = d.config.memoryMiB();
          if (mib <= 0) {
            throw XmException.error("memory_dynamic_max must be greater than zero");
          }
          if (d.isDomain0() && mib < cur && mib < spec.dom0MinMemMiB()) {
            throw XmException.error("memory_dynamic_max too small");
          }
          if (mib > d.config.maxmemMiB()) {
            throw XmException.error(
                "memory_dynamic_max must be less than or equal to memory_static_max");
          }
          if (mib > cur) {
            Admission.requireFree(t, mib - cur);
          }
          d.setConfig(withinLimits(d, d.config.withMemory(mib, d.config.maxmemMiB())));
          t.log(
              "INFO",
              "Setting memory target of domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ") to "
                  + mib
                  + " MiB.");
        });
  }

  @Override
  public String scheduler() {
    return spec.scheduler();
  }

  // ---- SCSI passthrough (vscsi): the host's LUNs, each given to one domain at a time ------------

  @Override
  public List<xm.hypervisor.ScsiDevice> scsiDevices(String ref) {
    return tx(null, false, t -> find(t.state, ref).vscsi);
  }

  @Override
  public xm.hypervisor.ScsiDevice scsiAttach(
      String ref, String phys, String virt, int backend, String origin) {
    if (!xm.hypervisor.ScsiDevice.isHctl(virt)) {
      throw XmException.badInput("Invalid argument: " + virt);
    }
    return tx(
        origin,
        true,
        t -> {
          SimDomain d = find(t.state, ref);
          requireStarted(d);
          String[] kv = Passthrough.lun(spec, phys);
          if (kv == null) {
            throw XmException.error("Cannot find device '" + phys + "'");
          }
          SimDomain other = Passthrough.scsiHolder(t.state, kv[0]);
          if (other != null) {
            throw XmException.error(
                "scsi: "
                    + kv[0]
                    + " ("
                    + kv[1]
                    + ") is already assigned to domain "
                    + other.config.name());
          }
          if (d.vscsi.stream().anyMatch(v -> v.virtHctl().equals(virt))) {
            throw XmException.error(
                "scsi: " + virt + " of domain " + d.config.name() + " is taken");
          }
          xm.hypervisor.ScsiDevice given =
              new xm.hypervisor.ScsiDevice(kv[0], kv[1], virt, backend);
          List<xm.hypervisor.ScsiDevice> now = new ArrayList<>(d.vscsi);
          now.add(given);
          d.setVscsi(now);
          Passthrough.record(d);
          t.log(
              "INFO",
              "Attached SCSI device "
                  + kv[0]
                  + " ("
                  + kv[1]
                  + ") to domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ") as "
                  + virt
                  + ".");
          return given;
        });
  }

  @Override
  public void scsiDetach(String ref, String virt, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          List<xm.hypervisor.ScsiDevice> now = new ArrayList<>(d.vscsi);
          if (!now.removeIf(v -> v.virtHctl().equals(virt))) {
            throw XmException.error("Device " + virt + " is not connected");
          }
          d.setVscsi(now);
          Passthrough.record(d);
          t.log(
              "INFO",
              "Detached SCSI device "
                  + virt
                  + " from domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ").");
        });
  }

  // ---- vnets: virtual networks, kept in the host's directory ------------------------------------

  static final String VNETS_FILE = "vnets.sxp";

  @Override
  public List<xm.sxp.Sxp> vnets() {
    return tx(null, false, t -> readVnets());
  }

  private List<xm.sxp.Sxp> readVnets() {
    String text = store.read(VNETS_FILE);
    return text == null
        ? List.of()
        : xm.sxp.SxpParser.parseAll(store.file(VNETS_FILE).toString(), text);
  }

  @Override
  public void vnetCreate(xm.sxp.Sxp config, String origin) {
    String id = vnetId(config);
    run(
        origin,
        t -> {
          List<xm.sxp.Sxp> all = new ArrayList<>(readVnets());
          for (xm.sxp.Sxp v : all) {
            if (id.equals(vnetId(v))) {
              throw XmException.error("vnet " + id + " already exists");
            }
          }
          all.add(config);
          writeVnets(all);
          t.log("INFO", "Created vnet " + id + ".");
        });
  }

  @Override
  public void vnetDelete(String id, String origin) {
    run(
        origin,
        t -> {
          List<xm.sxp.Sxp> all = new ArrayList<>(readVnets());
          if (!all.removeIf(v -> id.equals(vnetId(v)))) {
            throw XmException.error("vnet " + id + " does not exist");
          }
          writeVnets(all);
          t.log("INFO", "Deleted vnet " + id + ".");
        });
  }

  private void writeVnets(List<xm.sxp.Sxp> all) {
    StringBuilder b = new StringBuilder();
    all.forEach(v -> b.append(xm.sxp.SxpPrinter.exactLine(v)).append('\n'));
    store.writeAtomically(VNETS_FILE, b.toString());
  }

  /** A vnet's id: {@code (vnet (id 1010) ...)}; a config without one is refused. */
  static String vnetId(xm.sxp.Sxp v) {
    if (!(v instanceof xm.sxp.Sxp.SList l)
        || !"vnet".equals(l.head())
        || l.value("id", null) == null) {
      throw XmException.badInput("a vnet config is (vnet (id ID) (bridge BRIDGE) ...)");
    }
    String id = l.value("id", null);
    if (!id.matches("[0-9A-Fa-f:]{1,39}")) {
      throw XmException.badInput(
          "Invalid vnet id '" + id + "': a number such as 1010 (or a 128-bit id in hex)");
    }
    return id;
  }

  // ---- PCI passthrough: the host's pciback devices, each given to one domain at a time
  // -----------

  @Override
  public List<xm.hypervisor.PciDevice> pciAssignable() {
    return tx(
        null,
        false,
        t -> {
          java.util.Set<String> held = Passthrough.heldPci(t.state);
          List<xm.hypervisor.PciDevice> out = new ArrayList<>();
          for (String bdf : spec.pciDevices()) {
            if (!held.contains(bdf)) {
              out.add(xm.hypervisor.PciDevice.parse(bdf, null));
            }
          }
          return out;
        });
  }

  @Override
  public List<xm.hypervisor.PciDevice> pciDevices(String ref) {
    return tx(null, false, t -> find(t.state, ref).pci);
  }

  @Override
  public xm.hypervisor.PciDevice pciAttach(
      String ref, xm.hypervisor.PciDevice device, String origin) {
    return tx(
        origin,
        true,
        t -> {
          SimDomain d = find(t.state, ref);
          requireStarted(d);
          if (d.isDomain0()) {
            throw XmException.error("Cannot attach a PCI device to privileged domain " + ref);
          }
          if (!spec.pciDevices().contains(device.bdf())) {
            throw XmException.error(
                "pci: "
                    + device.bdf()
                    + " is not assignable: it is not bound to pciback on this host"
                    + " (see xm pci-list-assignable-devices)");
          }
          SimDomain other = Passthrough.pciHolder(t.state, device.bdf());
          if (other != null) {
            throw XmException.error(
                "pci: "
                    + device.bdf()
                    + " is already assigned to domain "
                    + other.config.name()
                    + (other == d ? "" : "; detach it there first"));
          }
          java.util.Set<Integer> used = new java.util.HashSet<>();
          d.pci.forEach(p -> used.add(p.vslot()));
          Integer vslot = device.vslot();
          if (vslot == null) {
            vslot = firstFreeSlot(used);
          } else if (used.contains(vslot)) {
            throw XmException.error(
                "pci: virtual slot "
                    + Integer.toHexString(vslot)
                    + " of domain "
                    + d.config.name()
                    + " is taken");
          }
          xm.hypervisor.PciDevice given = device.withVslot(vslot);
          List<xm.hypervisor.PciDevice> now = new ArrayList<>(d.pci);
          now.add(given);
          d.setPci(now);
          Passthrough.record(d);
          t.log(
              "INFO",
              "Attached PCI device "
                  + given.bdf()
                  + " to domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ") at virtual slot "
                  + Integer.toHexString(vslot)
                  + ".");
          return given;
        });
  }

  /**
   * The lowest virtual slot a guest has free, from 0x04 (the first ones are the emulated devices').
   */
  private static int firstFreeSlot(java.util.Set<Integer> used) {
    for (int s = 4; s <= 0x1f; s++) {
      if (!used.contains(s)) {
        return s;
      }
    }
    throw XmException.error("pci: the guest has no free virtual slot");
  }

  @Override
  public void pciDetach(String ref, xm.hypervisor.PciDevice device, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          List<xm.hypervisor.PciDevice> now = new ArrayList<>(d.pci);
          if (!now.removeIf(p -> p.bdf().equals(device.bdf()))) {
            throw XmException.error("Device " + device.bdf() + " is not connected");
          }
          d.setPci(now);
          Passthrough.record(d);
          t.log(
              "INFO",
              "Detached PCI device "
                  + device.bdf()
                  + " from domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ").");
        });
  }

  @Override
  public void schedCredit(String ref, Integer weight, Integer cap, String origin) {
    requireScheduler("credit");
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          int w = weight == null ? d.sched.weight() : weight;
          int c = cap == null ? d.sched.cap() : cap;
          if (w < xm.hypervisor.Sched.MIN_WEIGHT || w > xm.hypervisor.Sched.MAX_WEIGHT) {
            throw xm.diag.XmException.badInput("weight is out of range");
          }
          if (c < 0 || c > xm.hypervisor.Sched.maxCap(d.onlineVcpus)) {
            throw xm.diag.XmException.badInput("cap is out of range");
          }
          d.setSched(d.sched.withCredit(w, c));
          t.log(
              "INFO",
              "Setting credit scheduler parameters of domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + "): weight "
                  + w
                  + ", cap "
                  + c
                  + ".");
        });
  }

  @Override
  public void schedSedf(
      String ref,
      Double periodMs,
      Double sliceMs,
      Double latencyMs,
      Integer extratime,
      Integer weight,
      String origin) {
    requireScheduler("sedf");
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          xm.hypervisor.Sched s = d.sched;
          double period = periodMs == null ? s.periodMs() : periodMs;
          double slice = sliceMs == null ? s.sliceMs() : sliceMs;
          double latency = latencyMs == null ? s.latencyMs() : latencyMs;
          int extra = extratime == null ? s.extratime() : extratime;
          int w = weight == null ? s.sedfWeight() : weight;
          if (extra != 0 && extra != 1) {
            throw xm.diag.XmException.error("extratime must be 0 or 1");
          }
          if (w < 0 || w > 65535 || !(latency >= 0 && latency <= 10_000)) {
            throw xm.diag.XmException.error("Invalid argument");
          }
          if (w == 0) { // Xen's rule without a weight: 10 us <= period <= 10 s, 5 us <= slice <=
            // period
            if (!(period >= 0.01 && period <= 10_000) || !(slice >= 0.005 && slice <= period)) {
              throw xm.diag.XmException.error("(22, 'Invalid argument')");
            }
          } else if (!(period >= 0 && period <= 10_000)
              || !(slice >= 0 && slice <= Math.max(period, 0))) {
            throw xm.diag.XmException.error("(22, 'Invalid argument')");
          }
          d.setSched(s.withSedf(period, slice, latency, extra, w));
          t.log(
              "INFO",
              "Setting sedf scheduler parameters of domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ").");
        });
  }

  private void requireScheduler(String wanted) {
    if (!spec.scheduler().equals(wanted)) {
      throw xm.diag.XmException.error("Xen is running with the " + spec.scheduler() + " scheduler");
    }
  }

  @Override
  public void setMaxMemory(String ref, long mib, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          if (!halted(d)) {
            requireStarted(d);
          }
          if (mib <= 0) {
            throw XmException.error("memory_static_max must be greater than zero");
          }
          if (mib < d.config.memoryMiB()) {
            throw XmException.error(
                "memory_dynamic_max must be less than or equal to memory_static_max");
          }
          d.setConfig(withinLimits(d, d.config.withMemory(d.config.memoryMiB(), mib)));
          t.log(
              "INFO",
              "Setting memory maximum of domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ") to "
                  + mib
                  + " MiB.");
        });
  }

  @Override
  public void setVcpus(String ref, int n, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          if (!halted(d)) {
            requireStarted(d);
          }
          if (n <= 0) {
            throw XmException.error("Zero or less VCPUs is invalid");
          }
          if (halted(d)) { // a halted domain's configured count; up to maxvcpus as at create
            if (n > d.config.maxVcpus()) {
              throw XmException.error(
                  "Cannot set vcpus greater than max vcpus ("
                      + d.config.maxVcpus()
                      + ") of "
                      + d.config.name());
            }
            d.setConfig(withinLimits(d, d.config.withVcpus(n)));
            d.setOnlineVcpus(n);
            t.log(
                "INFO",
                "Set VCPU count of halted domain "
                    + d.config.name()
                    + " to "
                    + n
                    + "; it starts with them.");
            return;
          }
          if (n > d.config.maxVcpus()) {
            throw XmException.error("Cannot set vcpus greater than max vcpus on running domain");
          }
          d.accrue(t.now, Lifecycle.utilisation(d));
          d.setOnlineVcpus(n);
          t.log("INFO", "Set VCPU count on domain " + d.config.name() + " to " + n);
        });
  }

  @Override
  public void pinVcpu(String ref, int vcpu, Set<Integer> cpus, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          requireStarted(d);
          Set<Integer> usable = new TreeSet<>();
          for (int c : cpus) {
            if (c < spec.nrCpus()) {
              usable.add(c);
            }
          }
          if (usable.isEmpty()) {
            throw XmException.error(
                "Cannot pin vcpu: "
                    + (vcpu < 0 ? "all" : vcpu)
                    + " to cpu: "
                    + cpus
                    + " - none of these CPUs exist on this host (it has CPUs 0-"
                    + (spec.nrCpus() - 1)
                    + ")");
          }
          if (vcpu >= d.config.maxVcpus()) {
            throw XmException.error(
                "Cannot pin vcpu: "
                    + vcpu
                    + " to cpu: "
                    + cpus
                    + " - domain "
                    + d.config.name()
                    + (d.config.maxVcpus() == 1
                        ? " has only VCPU 0"
                        : " has VCPUs 0-" + (d.config.maxVcpus() - 1)));
          }
          Set<Integer> stored = usable.size() == spec.nrCpus() ? null : usable;
          if (vcpu < 0) {
            for (int v = 0; v < d.config.maxVcpus(); v++) {
              d.pin(v, stored);
            }
          } else {
            d.pin(vcpu, stored);
          }
          t.log(
              "INFO",
              "Pinned VCPU "
                  + (vcpu < 0 ? "all" : vcpu)
                  + " of domain "
                  + d.config.name()
                  + " to CPUs "
                  + xm.hypervisor.CpuSets.format(usable)
                  + ".");
        });
  }

  // ---- save, restore, migrate ---------------------------------------------------------------

  @Override
  public void save(String ref, Path file, String origin) {
    saveTo(ref, file, false, origin);
  }

  /**
   * Writes the domain's state to {@code file}; the domain goes (save) or keeps running
   * (checkpoint). The host's own files (and any device node) are never a save file: the domain
   * would be lost.
   */
  private void saveTo(String ref, Path file, boolean keepRunning, String origin) {
    String problem = xm.files.WritablePaths.problem(file, hosts.home());
    if (problem != null) {
      throw XmException.badInput("xm save: refusing to write " + file + ", " + problem);
    }
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          if (d.isDomain0()) {
            throw XmException.error("Cannot save privileged domain " + ref);
          }
          if (!d.isLive() || d.pending != null) {
            throw XmException.error("Domain is not running");
          }
          d.accrue(t.now, Lifecycle.utilisation(d));
          SaveFile.write(file, d, name);
          if (keepRunning) {
            t.log(
                "INFO",
                "Domain "
                    + d.config.name()
                    + " ("
                    + d.id
                    + ") checkpointed to "
                    + file
                    + "; it keeps running.");
          } else {
            t.log("INFO", "Domain " + d.config.name() + " (" + d.id + ") saved to " + file + ".");
            end(t, d);
          }
        });
  }

  @Override
  public void checkpoint(String ref, Path file, String origin) {
    saveTo(ref, file, true, origin);
  }

  @Override
  public void rename(String ref, String newName, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          if (d.isDomain0()) {
            throw XmException.error("Cannot rename privileged domain " + ref);
          }
          if (!xm.hypervisor.DomainNames.isValid(newName)) {
            throw XmException.badInput("Invalid VM Name");
          }
          SimDomain other = t.state.byName(newName);
          if (other != null && other != d) {
            throw XmException.error(
                "VM name '"
                    + newName
                    + "' already exists"
                    + (other.isLive() ? " as domain " + other.id : ""));
          }
          String old = d.config.name();
          d.setConfig(
              withinLimits(d, d.config.withName(newName))); // what the host accepts, it reads back
          t.log("INFO", "Domain " + old + " (" + d.id + ") renamed to " + newName + ".");
        });
  }

  @Override
  public void reset(String ref, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          if (d.isDomain0()) {
            throw XmException.error("Cannot reset privileged domain " + ref);
          }
          if (!d.isLive()) {
            throw XmException.error("Domain '" + ref + "' is not started");
          }
          Lifecycle.reset(t, d, origin);
        });
  }

  @Override
  public void trigger(String ref, String trigger, int vcpu, String origin) {
    String tr = trigger.toLowerCase(java.util.Locale.ROOT);
    if (!java.util.Set.of("nmi", "reset", "init", "s3resume", "power").contains(tr)) {
      throw XmException.badInput("Invalid trigger: " + trigger);
    }
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          if (!d.isLive() || d.pending != null) {
            throw XmException.error("Domain '" + ref + "' is not started");
          }
          if (vcpu < 0 || vcpu >= d.config.maxVcpus()) {
            throw XmException.error("Invalid VCPU " + vcpu + " for domain " + d.config.name());
          }
          t.log(
              "INFO",
              "Sent trigger "
                  + tr
                  + " to VCPU "
                  + vcpu
                  + " of domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ").");
          switch (tr) {
            case "reset" -> Lifecycle.reset(t, d, origin);
            case "power" -> { // the ACPI power button: the guest shuts itself down
              t.console(d, "ACPI: Power Button pressed");
              if (!d.isDomain0()) {
                d.setPending(
                    new SimDomain.Pending(
                        SimDomain.Pending.Kind.POWEROFF, t.now + spec.shutdownDelayMs()));
              }
            }
            case "nmi" ->
                t.console(d, "Uhhuh. NMI received for unknown reason on CPU " + vcpu + ".");
            case "init" -> t.console(d, "INIT received on VCPU " + vcpu + ".");
            default -> t.console(d, "ACPI: resuming from S3 (VCPU " + vcpu + ").");
          }
        });
  }

  @Override
  public void debugKeys(String keys, String origin) {
    if (keys.isEmpty() || keys.length() > 64 || !keys.chars().allMatch(c -> c > 32 && c < 127)) {
      throw XmException.badInput(
          "debug-keys takes up to 64 printable characters, e.g. 'h' or 'qr'");
    }
    run(
        origin,
        t -> {
          StringBuilder b = new StringBuilder();
          try {
            if (Files.isRegularFile(store.file(StateStore.DMESG_FILE))) {
              b.append(
                  new String(
                      LogFiles.tailBytes(store.file(StateStore.DMESG_FILE), DMESG_SHOWN_BYTES),
                      java.nio.charset.StandardCharsets.UTF_8));
            }
          } catch (java.io.IOException e) {
            throw StateStore.unavailable(
                "cannot read " + store.file(StateStore.DMESG_FILE) + ": " + StateStore.reason(e));
          }
          for (char k : keys.toCharArray()) {
            b.append("(XEN) '").append(k).append("' pressed -> ").append(debugKey(k)).append('\n');
          }
          String text =
              b.length() > DMESG_SHOWN_BYTES
                  ? b.substring((int) (b.length() - DMESG_SHOWN_BYTES))
                  : b.toString();
          store.writeAtomically(StateStore.DMESG_FILE, text);
          t.log("INFO", "Debug keys '" + keys + "' sent to Xen's console.");
        });
  }

  private static String debugKey(char k) {
    return switch (k) {
      case 'h' -> "showing help (keys: d q r t h)";
      case 'd' -> "dumping registers";
      case 'q' -> "dumping domain (and guest debug) info";
      case 'r' -> "dumping run queues";
      case 't' -> "displaying multi-cpu clock info";
      default -> "no handler for this key";
    };
  }

  @Override
  public void dumpCore(
      String ref, Path file, boolean live, boolean crash, boolean reset, String origin) {
    // the one place inside XM_HOME a core may go is xm's own dump directory (the default);
    // anywhere else is the user's path, checked as save's is: never a host's files, never a device
    Path dumps = hosts.home().resolve("dump");
    boolean own =
        xm.files.WritablePaths.resolved(file).startsWith(xm.files.WritablePaths.resolved(dumps))
            && file.toAbsolutePath()
                .normalize()
                .getParent()
                .equals(dumps.toAbsolutePath().normalize());
    String problem = own ? null : xm.files.WritablePaths.problem(file, hosts.home());
    if (problem != null) {
      throw XmException.badInput("xm dump-core: refusing to write " + file + ", " + problem);
    }
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          if (d.isDomain0()) {
            throw XmException.error("Cannot dump core for privileged domain " + ref);
          }
          if (!d.isLive() || d.pending != null) {
            throw XmException.error("Domain '" + ref + "' is not started");
          }
          String core =
              "XenCore simulated\nname "
                  + d.config.name()
                  + "\nid "
                  + d.id
                  + "\nuuid "
                  + d.uuid
                  + "\nmemory_mib "
                  + d.config.memoryMiB()
                  + "\nvcpus "
                  + d.onlineVcpus
                  + "\npaused_for_dump "
                  + (!live)
                  + "\n";
          try {
            if (own) {
              java.nio.file.Files.createDirectories(dumps);
            }
            xm.files.AtomicFiles.replace(
                file, core.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          } catch (java.io.IOException e) {
            throw XmException.error(
                "xm dump-core: cannot write " + file + ": " + StateStore.reason(e));
          }
          t.log(
              "INFO",
              "Dumped core of domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ") to "
                  + file
                  + (live ? " (live)" : "")
                  + ".");
          if (crash) {
            t.log(
                "INFO",
                "Domain "
                    + d.config.name()
                    + " ("
                    + d.id
                    + ") destroyed after its core dump (-C).");
            end(t, d);
          } else if (reset) {
            Lifecycle.reset(t, d, origin);
          }
        });
  }

  @Override
  public DomainInfo restore(Path file, boolean paused, String origin) {
    SimDomain saved = SaveFile.read(file);
    return tx(
        origin,
        true,
        t -> {
          SimDomain defined = t.state.byUuid(saved.uuid);
          if (defined != null
              && !defined.isActive()
              && defined.config.name().equals(saved.config.name())) {
            // xend restored a saved managed domain into its own definition, which stays defined
            t.state.domains.remove(defined);
            saved.persistent = true;
          } else {
            saved.persistent = false; // its definition was deleted (or is on another host)
          }
          SimDomain d = Admission.admit(t, saved.config, saved, AccessControl.of(this));
          launch(t, d, paused);
          t.console(d, "");
          t.console(d, "Restored from " + file + ".");
          t.log(
              "INFO", "Domain " + d.config.name() + " (" + d.id + ") restored from " + file + ".");
          return Views.info(d, spec, t.now);
        });
  }

  @Override
  public void migrate(String ref, String targetHost, boolean live, int resourceMbs, String origin) {
    Migrator.migrate(this, ref, targetHost, live, resourceMbs, origin);
  }

  // ---- virtual devices ----------------------------------------------------------------------

  @Override
  public BlockDevice attachBlock(String ref, DiskSpec disk, String origin) {
    return tx(
        origin,
        true,
        t -> {
          SimDomain d = find(t.state, ref);
          requireStarted(d);
          requireBackend(t, disk.backendDomain());
          int devnum = Devices.checkDisk(t, d, disk, d.config.disks());
          AccessControl.of(this).requireMayAttach(d.config.securityLabel(), disk);
          List<DiskSpec> disks = new ArrayList<>(d.config.disks());
          disks.add(disk);
          d.setConfig(withinLimits(d, d.config.withDevices(disks, d.config.vifs())));
          t.console(d, "blkfront: " + DeviceNumbers.baseName(disk.dev()) + ": barriers enabled");
          t.log(
              "INFO",
              "Attached block device "
                  + (disk.uname().isEmpty() ? "(empty cdrom)" : disk.uname())
                  + " to domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ") as "
                  + DeviceNumbers.baseName(disk.dev())
                  + " ("
                  + devnum
                  + "), mode "
                  + disk.mode()
                  + ".");
          return DeviceViews.of(d).blocks().get(disks.size() - 1);
        });
  }

  @Override
  public void configureBlock(String ref, DiskSpec disk, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          requireStarted(d);
          int devnum = DeviceNumbers.of(disk.dev());
          int at = -1;
          for (int i = 0; i < d.config.disks().size(); i++) {
            if (DeviceNumbers.of(d.config.disks().get(i).dev()) == devnum) {
              at = i;
            }
          }
          if (devnum < 0 || at < 0) {
            throw XmException.error(
                "Device " + (devnum < 0 ? disk.dev() : devnum) + " not connected");
          }
          DiskSpec now = d.config.disks().get(at);
          // as Xen's blkif: only the media of a read-only CD-ROM is swapped, the device and mode
          // stay
          if (!DeviceNumbers.isCdrom(now.dev())
              || !DeviceNumbers.isCdrom(disk.dev())
              || !now.mode().equals("r")
              || !disk.mode().equals("r")) {
            throw XmException.error(
                "Refusing to reconfigure device vbd:"
                    + devnum
                    + " to (vbd (uname "
                    + disk.uname()
                    + ") (dev "
                    + disk.dev()
                    + ") (mode "
                    + disk.mode()
                    + "))");
          }
          List<DiskSpec> others = new ArrayList<>(d.config.disks());
          others.remove(at);
          Devices.checkDisk(t, d, disk, others);
          AccessControl.of(this).requireMayAttach(d.config.securityLabel(), disk);
          List<DiskSpec> disks = new ArrayList<>(d.config.disks());
          disks.set(at, new DiskSpec(disk.uname(), now.dev(), now.mode(), now.backendDomain()));
          d.setConfig(withinLimits(d, d.config.withDevices(disks, d.config.vifs())));
          t.log(
              "INFO",
              "Changed the media of "
                  + DeviceNumbers.baseName(now.dev())
                  + " ("
                  + devnum
                  + ") of domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ") to "
                  + (disk.uname().isEmpty() ? "(empty)" : disk.uname())
                  + ".");
        });
  }

  @Override
  public void detachBlock(String ref, String device, boolean force, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          requireStarted(d);
          int devnum = DeviceNumbers.of(device);
          List<DiskSpec> disks = new ArrayList<>(d.config.disks());
          int index = -1;
          for (int i = 0; i < disks.size(); i++) {
            if (devnum >= 0 && DeviceNumbers.of(disks.get(i).dev()) == devnum) {
              index = i;
            }
          }
          if (index < 0) {
            throw XmException.error(
                "Device " + (devnum >= 0 ? Integer.toString(devnum) : device) + " not connected");
          }
          DiskSpec gone = disks.remove(index);
          d.setConfig(d.config.withDevices(disks, d.config.vifs()));
          t.log(
              "INFO",
              "Detached block device "
                  + DeviceNumbers.baseName(gone.dev())
                  + " ("
                  + devnum
                  + ") from domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ")"
                  + (force ? ", forced." : "."));
        });
  }

  @Override
  public NetDevice attachNetwork(String ref, VifSpec vif, String origin) {
    return tx(
        origin,
        true,
        t -> {
          SimDomain d = find(t.state, ref);
          requireStarted(d);
          if (vif.option("backend") != null
              && vif.option("backend").chars().allMatch(Character::isDigit)) {
            requireBackend(t, Integer.parseInt(vif.option("backend")));
          }
          AccessControl.of(this).requireMayAttach(d.config.securityLabel(), vif);
          int handle = d.nextVifHandle;
          VifSpec withMac = Devices.withMac(t, d, vif, handle, java.util.Set.of());
          d.setNextVifHandle(d.nextVifHandle + 1);
          List<VifSpec> vifs = new ArrayList<>(d.config.vifs());
          vifs.add(withMac);
          d.vifHandles.add(handle); // the setConfig below tells the state
          d.setConfig(withinLimits(d, d.config.withDevices(d.config.disks(), vifs)));
          t.console(d, "netfront: Initialising virtual ethernet driver eth" + handle);
          t.log(
              "INFO",
              "Attached network interface "
                  + handle
                  + " ("
                  + withMac.option("mac")
                  + ") to domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ").");
          return DeviceViews.of(d).nets().get(vifs.size() - 1);
        });
  }

  @Override
  public void detachNetwork(String ref, String handle, boolean force, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          requireStarted(d);
          int index = -1;
          if (!handle.isEmpty()
              && handle.length() < 10
              && handle.chars().allMatch(Character::isDigit)) {
            index = d.vifHandles.indexOf(Integer.parseInt(handle));
          }
          if (index < 0) {
            throw XmException.error("Device " + handle + " not connected");
          }
          List<VifSpec> vifs = new ArrayList<>(d.config.vifs());
          VifSpec gone = vifs.remove(index);
          d.vifHandles.remove(index); // the setConfig below tells the state
          d.setConfig(d.config.withDevices(d.config.disks(), vifs));
          t.log(
              "INFO",
              "Detached network interface "
                  + handle
                  + " ("
                  + gone.option("mac")
                  + ") from domain "
                  + d.config.name()
                  + " ("
                  + d.id
                  + ")"
                  + (force ? ", forced." : "."));
        });
  }

  /**
   * {@code next}, the config {@code d} is to have, when it is within the host's limits; else the
   * error.
   */
  private DomainConfig withinLimits(SimDomain d, DomainConfig next) {
    Admission.requireWithinLimits(next, SimCapabilities.limitsOf(d, spec));
    return next;
  }

  private static void requireAnnotationsWithinLimits(SimDomain d) {
    xm.hypervisor.DomainLimits.Violation v =
        xm.hypervisor.DomainLimits.annotationViolation(d.annotations);
    if (v != null) {
      throw XmException.error(v.message());
    }
  }

  private static void requireBackend(Tx t, int domid) {
    SimDomain b = t.state.byId(domid);
    if (b == null || !b.isLive()) {
      throw XmException.noSuchDomain(Integer.toString(domid));
    }
  }

  // ---- consoles and logs --------------------------------------------------------------------

  @Override
  public void sysrq(String ref, char key, String origin) {
    run(
        origin,
        t -> {
          SimDomain d = find(t.state, ref);
          requireStarted(d);
          t.console(d, "SysRq : " + SysRq.describe(key));
          t.log(
              "INFO", "Sent sysrq '" + key + "' to domain " + d.config.name() + " (" + d.id + ").");
          SimDomain.Pending.Kind kind = SysRq.consequence(key);
          if (kind != null && !d.isDomain0() && d.pending == null) {
            d.setPending(new SimDomain.Pending(kind, t.now));
            Lifecycle.settle(t);
          }
        });
  }

  // ---- access control -----------------------------------------------------------------------

  @Override
  public java.util.Map<String, xm.hypervisor.ResourceLabels.Entry> resourceLabels() {
    return new xm.hypervisor.ResourceLabels(hosts.home())
        .read(); // one store for every host of this XM_HOME
  }

  @Override
  public void labelResource(String resource, String policy, String label, String origin) {
    new xm.hypervisor.ResourceLabels(hosts.home())
        .update(
            m -> {
              xm.hypervisor.ResourceLabels.Entry e =
                  new xm.hypervisor.ResourceLabels.Entry(resource, policy, label);
              requireNotInUse(resource, m, e);
              m.put(resource, e);
            });
  }

  @Override
  public void unlabelResource(String resource, String origin) {
    new xm.hypervisor.ResourceLabels(hosts.home())
        .update(
            m -> {
              if (!m.containsKey(resource)) {
                throw XmException.error("'Resource not labeled'");
              }
              requireNotInUse(resource, m, null);
              m.remove(resource);
            });
  }

  /**
   * Fails when a domain on a host of this XM_HOME uses {@code resource} now and would be denied it
   * once it holds {@code next} (null: no label); as Xen refused to relabel a resource in use.
   */
  private void requireNotInUse(
      String resource,
      java.util.Map<String, xm.hypervisor.ResourceLabels.Entry> now,
      xm.hypervisor.ResourceLabels.Entry next) {
    java.util.Map<String, xm.hypervisor.ResourceLabels.Entry> after = new java.util.HashMap<>(now);
    if (next == null) {
      after.remove(resource);
    } else {
      after.put(resource, next);
    }
    for (String name : hosts.names()) {
      SimHost h = name.equals(this.name) ? this : hosts.open(name);
      java.util.Optional<xm.acm.SecurityPolicy> active = AcmFiles.active(h.store);
      for (DomainInfo d : h.domains()) {
        if (d.isDomain0()) {
          continue;
        }
        for (xm.acm.ResourceAccess.Use u : xm.hypervisor.ResourceLabels.uses(d.config())) {
          boolean same =
              u.canonical().equals(resource)
                  || (u.canonical().startsWith("file:")
                      && resource.startsWith("file:")
                      && resource
                          .substring(5)
                          .equals(AccessControl.realPath(u.canonical().substring(5))));
          if (!same) {
            continue;
          }
          java.util.Optional<String> why =
              AccessControl.deny(active, after, d.config().securityLabel(), u);
          if (why.isPresent()) {
            throw XmException.error(
                "Resource '"
                    + resource
                    + "' is in use by domain "
                    + d.name()
                    + " on host "
                    + name
                    + ", which "
                    + (next == null ? "an unlabeled " : "its new label ")
                    + "would deny: "
                    + why.get()
                    + "; stop "
                    + d.name()
                    + " or detach the device first");
          }
        }
      }
    }
  }

  @Override
  public java.util.Optional<xm.acm.SecurityPolicy> activePolicy() {
    return AcmFiles.active(store);
  }

  @Override
  public void loadPolicy(xm.acm.SecurityPolicy policy, String origin) {
    run(
        origin,
        t -> {
          java.util.Optional<xm.acm.SecurityPolicy> old;
          try {
            old = AcmFiles.active(store);
          } catch (XmException damaged) {
            // a damaged record or copy of the active policy is what loading a policy repairs: the
            // running domains are checked against the new policy below all the same
            t.log(
                "WARNING",
                "The active policy could not be read ("
                    + damaged.getMessage()
                    + "); loading "
                    + policy.name()
                    + " replaces it.");
            old = java.util.Optional.empty();
          }
          java.util.Map<String, xm.acm.ResourceAccess.Held> running = new java.util.TreeMap<>();
          for (SimDomain d : t.state.domains) {
            if (!d.isDomain0() && d.isActive() && d.config.securityLabel() != null) {
              running.put(
                  d.config.name(),
                  new xm.acm.ResourceAccess.Held(
                      d.config.securityLabel().policy(), d.config.securityLabel().label()));
            }
          }
          java.util.Optional<String> why =
              xm.acm.PolicyUpdate.denyLoad(old, policy, running)
                  .or(
                      () ->
                          new AccessControl(
                                  java.util.Optional.empty(),
                                  new xm.hypervisor.ResourceLabels(hosts.home()))
                              .denyDevicesUnder(policy, t.state));
          if (why.isPresent()) {
            throw XmException.error(
                "Cannot load policy " + policy.name() + ": " + why.get() + "; nothing was changed");
          }
          AcmFiles.activate(store, policy);
          relabel(t, policy);
          xm.hypervisor.ResourceLabels labels = new xm.hypervisor.ResourceLabels(hosts.home());
          java.util.Map<String, xm.hypervisor.ResourceLabels.Entry> held = labels.read();
          if (!AccessControl.renamedFor(policy, held)
              .equals(held)) { // an update renamed resource labels
            labels.update(
                m -> {
                  java.util.Map<String, xm.hypervisor.ResourceLabels.Entry> renamed =
                      AccessControl.renamedFor(policy, m);
                  renamed.forEach(
                      (r, e) -> {
                        if (!e.equals(m.get(r))) {
                          t.log(
                              "INFO",
                              "Resource " + r + " relabeled " + m.get(r) + " -> " + e + ".");
                        }
                      });
                  m.clear();
                  m.putAll(renamed);
                });
          }
          if (old.isPresent() && !old.get().name().equals(policy.name())) {
            try {
              Files.deleteIfExists(store.file(AcmFiles.xmlName(old.get().name())));
            } catch (java.io.IOException ignored) {
              // a stale copy nobody's record names is harmless
            }
          }
          t.log(
              "INFO",
              "Access control policy "
                  + policy.name()
                  + " (version "
                  + policy.version()
                  + ") loaded"
                  + (old.isPresent() ? ", replacing " + old.get().name() : "")
                  + ".");
        });
  }

  /**
   * An update of a policy (the same policy, or one whose {@code FromPolicy} names it) renames
   * labels ({@code <Name from="old">new</Name>}): the domains that hold an old name of that policy
   * hold the new one, of the new policy, from now on, as Xen moved their ssidrefs.
   */
  private static void relabel(Tx t, xm.acm.SecurityPolicy policy) {
    for (SimDomain d : t.state.domains) {
      xm.hypervisor.SecurityLabel l = d.config.securityLabel();
      if (d.isDomain0() || l == null || !policy.relabels(l.policy())) {
        continue;
      }
      java.util.Optional<xm.acm.VmLabel> now = xm.acm.ChineseWall.renamed(policy, l.label());
      if (now.isPresent()
          && (!now.get().name().equals(l.label()) || !l.policy().equals(policy.name()))) {
        d.setConfig(
            d.config.withSecurityLabel(
                new xm.hypervisor.SecurityLabel(policy.name(), now.get().name())));
        t.log(
            "INFO",
            "Domain "
                + d.config.name()
                + " ("
                + d.id
                + ") relabeled "
                + l.policy()
                + ":"
                + l.label()
                + " -> "
                + policy.name()
                + ":"
                + now.get().name()
                + ".");
      }
    }
  }

  /**
   * Reboots the host: every guest goes (refused while guests exist unless {@code force}, which
   * powers them off as a power cycle would), the clock's boot time restarts, and the policy the
   * boot menu loads becomes the active one (none if it loads none). The boot policy is read and
   * checked before anything changes. Returns the policy now active, if any.
   */
  public java.util.Optional<xm.acm.SecurityPolicy> reboot(boolean force, String origin) {
    return tx(
        origin,
        true,
        t -> {
          java.util.Optional<xm.acm.SecurityPolicy> boot = AcmFiles.bootPolicy(store);
          List<SimDomain> guests = new ArrayList<>();
          for (SimDomain d : t.state.domains) {
            if (!d.isDomain0() && d.isActive()) {
              guests.add(d);
            }
          }
          if (!guests.isEmpty() && !force) {
            throw XmException.error(
                "Host '"
                    + spec.name()
                    + "' runs "
                    + guests.size()
                    + " guest domain(s) ("
                    + xm.plan.Lists.cut(guests.stream().map(d -> d.config.name()).toList(), 5)
                    + "); shut them down first,"
                    + " or reboot with --force to power them off");
          }
          for (SimDomain d : guests) {
            t.log(
                "INFO",
                "Domain " + d.config.name() + " (" + d.id + ") powered off by the host's reboot.");
            end(t, d);
          }
          // a later boot time marks the journal record as a reboot (ids may start again only then);
          // a
          // manual clock that has not moved since the last boot moves by a millisecond
          long bootAt = Math.max(t.now, t.state.bootMs + 1);
          if (spec.clock() == ClockMode.MANUAL) {
            t.state.clockMs = Math.max(t.state.clockMs, bootAt);
          }
          t.state.bootMs = bootAt;
          t.state.nextDomid = 1; // a fresh hypervisor numbers domains from 1 again
          if (boot.isPresent()) {
            AcmFiles.activate(store, boot.get());
          } else {
            AcmFiles.deactivate(store);
          }
          t.log(
              "INFO",
              "Host "
                  + spec.name()
                  + " rebooted"
                  + boot.map(p -> " with boot policy " + p.name())
                      .orElse(" without an access control policy")
                  + ".");
          return boot;
        });
  }

  @Override
  public java.util.Optional<xm.acm.SecurityPolicy> bootPolicy() {
    return tx(null, false, t -> AcmFiles.bootPolicy(store));
  }

  @Override
  public String setBootPolicy(xm.acm.SecurityPolicy policy, String kernelVersion, String origin) {
    return tx(
        origin,
        true,
        t -> {
          String title = AcmFiles.setBootPolicy(store, policy, kernelVersion);
          t.log("INFO", "Boot entry '" + title + "' now loads policy " + policy.name() + ".");
          return title;
        });
  }

  /** The most of a console {@link #console} shows: its recent part, as a terminal's scrollback. */
  static final long CONSOLE_SHOWN_BYTES = 2 * LogFiles.CONSOLE.maxBytes();

  /** The most of the message ring {@link #dmesg} shows (Xen's own ring is 16 KiB by default). */
  static final long DMESG_SHOWN_BYTES = 64 << 10;

  @Override
  public List<String> console(String ref) {
    String uuid = tx(null, false, t -> find(t.state, ref).uuid);
    if (!xm.hypervisor.Uuids.isValid(uuid)) {
      return List.of();
    }
    try {
      return LogFiles.tail(consoleFile(uuid), LogFiles.CONSOLE, CONSOLE_SHOWN_BYTES);
    } catch (java.io.IOException e) {
      throw StateStore.unavailable(
          "cannot read " + consoleFile(uuid) + ": " + StateStore.reason(e));
    }
  }

  @Override
  public String dmesg(boolean clear) {
    return tx(
        null,
        clear,
        t -> {
          String text;
          try {
            text =
                Files.isRegularFile(store.file(StateStore.DMESG_FILE))
                    ? new String(
                        LogFiles.tailBytes(store.file(StateStore.DMESG_FILE), DMESG_SHOWN_BYTES),
                        java.nio.charset.StandardCharsets.UTF_8)
                    : null;
          } catch (java.io.IOException e) {
            throw StateStore.unavailable(
                "cannot read " + store.file(StateStore.DMESG_FILE) + ": " + StateStore.reason(e));
          }
          if (clear) {
            store.writeAtomically(StateStore.DMESG_FILE, "");
          }
          return text == null ? "" : text;
        });
  }

  /**
   * Streams xend.log and its rotated files, oldest line first, without holding the host's lock
   * while lines are written out (a slow reader never stops the host) and without holding the log in
   * memory. First lets time catch up, so that what is due is in the log.
   */
  @Override
  public void log(java.util.function.Consumer<String> line) {
    tx(null, false, t -> null);
    try {
      LogFiles.stream(store.file(StateStore.LOG_FILE), LogFiles.XEND_LOG, line);
    } catch (java.io.IOException e) {
      throw StateStore.unavailable(
          "cannot read " + store.file(StateStore.LOG_FILE) + ": " + StateStore.reason(e));
    }
  }

  // ---- time ---------------------------------------------------------------------------------

  @Override
  public boolean await(Predicate<List<DomainInfo>> condition, Duration timeout) {
    long deadline = -1;
    while (true) {
      Long[] next = new Long[1];
      long[] nowHolder = new long[1];
      boolean done =
          tx(
              null,
              false,
              t -> {
                nowHolder[0] = t.now;
                List<DomainInfo> infos = new ArrayList<>();
                for (SimDomain d : t.state.domains) {
                  infos.add(Views.info(d, spec, t.now));
                }
                long due = Lifecycle.nextDue(t.state);
                next[0] = due < 0 ? null : due;
                return condition.test(infos);
              });
      if (done) {
        return true;
      }
      if (deadline < 0) {
        deadline = nowHolder[0] + timeout.toMillis();
      }
      if (next[0] == null || next[0] > deadline) {
        if (spec.clock() == ClockMode.MANUAL || nowHolder[0] >= deadline) {
          return false;
        }
      }
      if (spec.clock() == ClockMode.MANUAL) {
        advanceTo(next[0]);
      } else {
        long target = next[0] == null ? deadline : Math.min(next[0], deadline);
        sleep(Math.max(10, Math.min(250, target - nowHolder[0])));
      }
    }
  }

  /** Moves a manual clock forward by {@code d}; an error on a wall-clock host. */
  public Instant advance(Duration d, String origin) {
    if (spec.clock() != ClockMode.MANUAL) {
      throw XmException.error(
          "host '"
              + name
              + "' runs on the wall clock; only a host made with --clock manual can be advanced");
    }
    if (d.isNegative()) {
      throw XmException.badInput("time only moves forward: give a positive duration");
    }
    if (d.compareTo(LONGEST_ADVANCE) > 0) {
      throw XmException.badInput(
          "the clock moves at most " + LONGEST_ADVANCE.toDays() + " days at a time");
    }
    return tx(
        origin,
        true,
        t -> {
          long target = t.now + d.toMillis();
          if (target > LATEST_CLOCK_MS) {
            throw XmException.badInput(
                "the clock of host '"
                    + name
                    + "' would pass "
                    + Instant.ofEpochMilli(LATEST_CLOCK_MS)
                    + ", the latest time a host keeps; advance it by less");
          }
          return Instant.ofEpochMilli(advanceWithin(t, target));
        });
  }

  /** Longer than any duration the CLI passes; keeps {@code now + d} far from overflowing. */
  private static final Duration LONGEST_ADVANCE = Duration.ofDays(36_500);

  /**
   * The latest a manual clock is moved to (9999-01-01): a year before the latest time a state
   * holds, so that what is due after it (a shutdown, a hold) still is a time the state can hold.
   */
  static final long LATEST_CLOCK_MS = 253_370_764_800_000L;

  private void advanceTo(long target) {
    tx(null, true, t -> advanceWithin(t, target));
  }

  private long advanceWithin(Tx t, long target) {
    if (target > t.state.clockMs) {
      t.state.clockMs = target;
      t.dirty = true;
    }
    t.checkpoint(t.origin);
    Lifecycle.catchUp(t, t.state.clockMs);
    return t.state.clockMs;
  }

  static String newUuid(String host, String name, int id, long now) {
    return UUID.nameUUIDFromBytes(
            (host + "/" + name + "/" + id + "/" + now)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }
}
