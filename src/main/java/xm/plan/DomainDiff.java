package xm.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import xm.hypervisor.BlockDevice;
import xm.hypervisor.Capabilities;
import xm.hypervisor.DeviceNumbers;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.LifecycleAction;
import xm.hypervisor.NetDevice;
import xm.hypervisor.PowerState;
import xm.hypervisor.VifSpec;
import xm.spec.DesiredState;
import xm.spec.DomainSpec;

/**
 * Compares one declared domain with what a host runs and picks the least disruptive operations:
 * memory by mem-set (within maxmem, raising it with mem-max first), vcpus by vcpu-set (within the
 * boot maximum), devices by attach/detach, state by pause/unpause/stop/create, host by migrate.
 * Which fields change live and which need a rebuild is the backend's to say ({@link Capabilities});
 * a rebuild is a replace when allowed and pending otherwise. Only fields the spec declares are
 * compared. Pure.
 */
final class DomainDiff {
  /** Every spec field that is compared with the host (state and host are handled on their own). */
  static final List<String> COMPARED =
      List.of(
          "builder",
          "kernel",
          "ramdisk",
          "cmdline",
          "memory",
          "maxmem",
          "vcpus",
          "maxvcpus",
          "cpus",
          "onPoweroff",
          "onReboot",
          "onCrash",
          "disks",
          "vifs",
          "vtpms",
          "security",
          "pci",
          "vscsi",
          "extras");

  private final DomainSpec d;
  private final String host;
  private final PlanOptions o;
  private final Capabilities caps;
  private final long nowMs;
  private final int wave;
  private final List<Op> ops = new ArrayList<>();
  private final List<FieldChange> fields = new ArrayList<>();
  private final List<FieldChange> pending = new ArrayList<>();
  private final List<Hold> held = new ArrayList<>();
  private final Map<String, Hold> holds = new HashMap<>();

  /** Whether the specs hold everything this domain depends on, so its wave is the whole truth. */
  private boolean waveKnown;

  /** Set when a restart is needed but operators hold fields of the domain. */
  private boolean blockedByHolds;

  /** The uuid of the domain the host runs, which operations address it by; null when none does. */
  private String uuid;

  private DomainDiff(
      DomainSpec d, String host, PlanOptions o, Capabilities caps, long nowMs, int wave) {
    this.d = d;
    this.host = host;
    this.o = o;
    this.caps = caps;
    this.nowMs = nowMs;
    this.wave = wave;
  }

  /**
   * Annotations a managed domain carries: the scope that manages it, where its spec is, its
   * dependency wave (so that prune, when the spec is gone, still removes dependants first), and a
   * prune opt-out.
   */
  static Map<String, String> annotations(DomainSpec d, PlanOptions o, int wave) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put(Scopes.KEY, o.scope());
    a.put("xm/spec", d.location().source() + ":" + d.location().line());
    a.put("xm/wave", Integer.toString(wave));
    if (!d.prune()) {
      a.put("xm/prune", "false");
    }
    return a;
  }

  private Map<String, String> annotations() {
    return annotations(d, o, wave);
  }

  /**
   * The change for {@code d}; {@code current} is null when no host runs it.
   *
   * @param caps what the backend of the host it runs on (or will run on) changes live
   * @param nowMs that host's clock
   */
  static Change of(
      DomainSpec d,
      String host,
      String currentHost,
      DomainInfo current,
      PlanOptions o,
      Capabilities caps,
      long nowMs,
      int wave,
      boolean waveKnown) {
    DomainDiff diff = new DomainDiff(d, host, o, caps, nowMs, wave);
    diff.waveKnown = waveKnown;
    return diff.diff(currentHost, current);
  }

  private boolean live(String field) {
    return !caps.needsRestart(field);
  }

  private Change diff(String curHost, DomainInfo cur) {
    DomainConfig want = d.config();
    if (cur == null) {
      if (d.state() == DesiredState.STOPPED) {
        return change(Action.NOOP, "declared stopped, and not running");
      }
      if (d.state() == DesiredState.DEFINED) {
        ops.add(new Op.Define(host, want, annotations()));
        fields.add(
            new FieldChange(
                "domain",
                "(none)",
                "defined, " + want.memoryMiB() + " MiB, " + want.vcpus() + " VCPU(s), not running",
                "new",
                true,
                d.location()));
        return change(Action.CREATE, "not defined on any host");
      }
      ops.add(new Op.Create(host, want, d.state() == DesiredState.PAUSED, annotations()));
      fields.add(
          new FieldChange(
              "domain",
              "(none)",
              want.memoryMiB()
                  + " MiB, "
                  + want.vcpus()
                  + " VCPU(s)"
                  + (d.state() == DesiredState.PAUSED ? ", paused" : ""),
              "create",
              true,
              d.location()));
      return change(Action.CREATE, "not running on any host");
    }
    uuid = cur.uuid();
    readHolds(cur);
    boolean adopting = !cur.managed() || !o.scope().equals(Scopes.of(cur));
    if (adopting) {
      ops.add(new Op.Annotate(curHost, d.name(), uuid, annotations()));
      fields.add(
          new FieldChange(
              "managed",
              cur.managed() ? "scope " + Scopes.of(cur) : "no",
              "scope " + o.scope(),
              "adopt",
              true,
              d.location()));
    }
    if (!adopting) {
      bookkeeping(curHost, cur);
    }
    if (cur.isInactive()) {
      return definition(curHost, cur, want, adopting);
    }
    if (d.state() == DesiredState.DEFINED) {
      return toDefinition(curHost, cur, want, adopting);
    }
    boolean dead = cur.power() == PowerState.SHUTDOWN || cur.power() == PowerState.CRASHED;
    if (d.state() == DesiredState.STOPPED) {
      if (held("state")) {
        return change(adopting ? Action.ADOPT : Action.NOOP, "state is held");
      }
      ops.add(new Op.Stop(curHost, d.name(), uuid));
      fields.add(
          new FieldChange(
              "state",
              stateOf(cur),
              "stopped",
              cur.persistent() ? "shutdown, delete" : "shutdown",
              true,
              d.at("state")));
      if (cur.persistent()) { // stopped is nothing on the host: the definition goes too
        ops.add(new Op.Delete(curHost, d.name(), uuid));
      }
      return change(Action.STOP, "declared stopped");
    }
    if (dead && !o.allowRestart() && preserved(cur)) {
      pending.add(
          new FieldChange(
              "state",
              stateOf(cur),
              d.state().text(),
              "restart (kept as "
                  + (cur.power() == PowerState.CRASHED ? "on_crash" : "on_poweroff")
                  + " = preserve says)",
              false,
              d.at("state")));
      return change(
          Action.PENDING,
          "its guest "
              + (cur.power() == PowerState.CRASHED ? "crashed" : "shut down")
              + " and is kept for inspection, as its spec asks; apply with --allow-restart to rebuild it");
    }
    if (dead) {
      ops.add(new Op.Stop(curHost, d.name(), uuid));
      ops.add(new Op.Create(host, want, d.state() == DesiredState.PAUSED, annotations()));
      fields.add(
          new FieldChange(
              "state", stateOf(cur), d.state().text(), "destroy + create", true, d.at("state")));
      return change(
          Action.REPLACE,
          "its guest "
              + (cur.power() == PowerState.CRASHED ? "crashed" : "shut down")
              + " and the host kept it; rebuilding it is not disruptive");
    }
    List<FieldChange> restart = restartFields(cur, want);
    boolean moving = !curHost.equals(host);
    if (moving && !live("host")) {
      restart.add(0, new FieldChange("host", curHost, host, "restart", false, d.at("host")));
    }
    String at = curHost;
    if (moving && live("host")) {
      ops.add(new Op.Migrate(curHost, d.name(), uuid, host));
      fields.add(new FieldChange("host", curHost, host, "migrate", true, d.at("host")));
      at = host;
    }
    if (d.declares("vcpus")
        && live("vcpus")
        && !held("vcpus")
        && want.vcpus() > cur.config().maxVcpus()) {
      restart.add(
          new FieldChange(
              "vcpus",
              Integer.toString(cur.onlineVcpus()),
              Integer.toString(want.vcpus()),
              "restart (above the boot maximum " + cur.config().maxVcpus() + ")",
              false,
              d.at("vcpus")));
    }
    if (!restart.isEmpty()) {
      if (o.allowRestart() && !holds.isEmpty()) {
        // A rebuild would undo what operators hold (and drop their holds): it waits for them.
        holds.keySet().forEach(this::noteHeld);
        blockedByHolds = true;
      } else if (o.allowRestart()) {
        ops.clear();
        fields.clear();
        fields.addAll(restart);
        ops.add(new Op.Stop(curHost, d.name(), uuid));
        ops.add(new Op.Create(host, want, d.state() == DesiredState.PAUSED, annotations()));
        return change(Action.REPLACE, "changed fields take effect only when the domain is rebuilt");
      }
      pending.addAll(restart);
    }
    if (live("memory") && live("maxmem")) {
      memory(at, cur, want);
    } else if (live("memory")) {
      balloon(
          at, cur,
          want); // the ceiling needs a restart on this backend: the balloon moves within it
    }
    if (live("vcpus")) {
      vcpus(at, cur, want);
    }
    if (caps.fields().containsKey("sched")
        && live("sched")) { // a backend without it leaves sched alone
      sched(at, cur, want);
    }
    state(at, cur);
    String on = at;
    if (d.declares("disks") && live("disks")) {
      unlessHeld("disks", () -> disks(on, cur, want));
    }
    if (d.declares("vifs") && live("vifs")) {
      unlessHeld("vifs", () -> vifs(on, cur, want));
    }
    Action action;
    if (ops.isEmpty()) {
      action = pending.isEmpty() ? Action.NOOP : Action.PENDING;
    } else if (adopting && ops.size() == 1) {
      action = Action.ADOPT;
    } else if (moving) {
      action = Action.MIGRATE;
    } else {
      action = Action.UPDATE;
    }
    String reason =
        switch (action) {
          case NOOP -> held.isEmpty() ? "in sync" : "in sync apart from held fields";
          case PENDING ->
              blockedByHolds
                  ? "changed fields need a restart, which waits while operators hold fields (xm override release)"
                  : "changed fields need a restart; apply with --allow-restart to replace it";
          case ADOPT ->
              cur.managed()
                  ? "managed by scope '"
                      + Scopes.of(cur)
                      + "'; adopting it into '"
                      + o.scope()
                      + "'"
                  : "exists but was not made by xm; adopting it";
          case MIGRATE -> "the spec puts it on " + host;
          default -> "differs from its spec";
        };
    return change(action, reason);
  }

  /**
   * A domain the host keeps defined without running it (halted or suspended). Nothing runs, so a
   * halted definition whose fields differ is simply made again (xm delete, xm new: no restart to
   * allow); a suspended one keeps the guest's memory in its checkpoint and is never made again
   * behind the operator's back.
   */
  private Change definition(String curHost, DomainInfo cur, DomainConfig want, boolean adopting) {
    boolean suspended = cur.power() == PowerState.SUSPENDED;
    String was = suspended ? "defined, suspended" : "defined, halted";
    boolean moving = !curHost.equals(host);
    List<FieldChange> differ = definitionFields(cur, want);
    if (moving) {
      differ.add(0, new FieldChange("host", curHost, host, "delete + new", true, d.at("host")));
    }
    if (held("state") && d.state() != DesiredState.DEFINED) {
      noteHeld("state");
      return change(adopting ? Action.ADOPT : Action.NOOP, "state is held");
    }
    boolean wantRunning = d.state() == DesiredState.RUNNING || d.state() == DesiredState.PAUSED;
    if (suspended && wantRunning && !differ.isEmpty()) {
      // resumed as it was saved (its memory is the guest's state); the next apply plans what
      // differs against the running domain, live where the backend can
      boolean paused = d.state() == DesiredState.PAUSED;
      ops.add(new Op.Resume(curHost, d.name(), uuid, paused, cur.config().memoryMiB()));
      fields.add(new FieldChange("state", was, d.state().text(), "resume", true, d.at("state")));
      differ.forEach(
          f ->
              pending.add(
                  new FieldChange(
                      f.field(),
                      f.before(),
                      f.after(),
                      "after the resume: apply again",
                      false,
                      f.where())));
      return change(Action.UPDATE, "suspended; resumed as it was, then changed by the next apply");
    }
    if (suspended && (d.state() == DesiredState.STOPPED || !differ.isEmpty())) {
      differ.forEach(
          f ->
              pending.add(
                  new FieldChange(
                      f.field(), f.before(), f.after(), "after resume", false, f.where())));
      if (d.state() == DesiredState.STOPPED) {
        pending.add(
            new FieldChange("state", was, "stopped", "xm resume, then stop", false, d.at("state")));
      }
      return change(
          adopting && ops.size() == 1 ? Action.ADOPT : Action.PENDING,
          "suspended: its checkpoint holds the"
              + " guest's memory, which apply does not throw away; xm resume it (or say state: running)");
    }
    if (d.state() == DesiredState.STOPPED) {
      ops.add(new Op.Delete(curHost, d.name(), uuid));
      fields.add(new FieldChange("state", was, "stopped", "delete", true, d.at("state")));
      return change(Action.STOP, "declared stopped; the host keeps it defined");
    }
    String at = curHost;
    if (!differ.isEmpty() && !moving) { // made again, under the same uuid, in one step
      ops.add(new Op.Redefine(curHost, d.name(), uuid, want, annotations()));
      fields.addAll(differ);
    } else if (!differ.isEmpty()) { // to another host: defined there first, so a kill loses nothing
      ops.add(new Op.Define(host, want.uuid() == null ? want.withUuid(uuid) : want, annotations()));
      ops.add(new Op.Delete(curHost, d.name(), uuid));
      fields.addAll(differ);
      at = host;
      if (want.uuid() != null) {
        uuid = want.uuid();
      }
    }
    if (d.state() == DesiredState.RUNNING || d.state() == DesiredState.PAUSED) {
      boolean paused = d.state() == DesiredState.PAUSED;
      long mib = differ.isEmpty() ? cur.config().memoryMiB() : want.memoryMiB();
      ops.add(
          suspended
              ? new Op.Resume(at, d.name(), uuid, paused, mib)
              : new Op.Start(at, d.name(), uuid, paused, mib));
      fields.add(
          new FieldChange(
              "state", was, d.state().text(), suspended ? "resume" : "start", true, d.at("state")));
    }
    if (ops.isEmpty()) {
      return change(Action.NOOP, "in sync (" + was + ")");
    }
    if (adopting && ops.size() == 1) {
      return change(
          Action.ADOPT,
          cur.managed()
              ? "managed by scope '" + Scopes.of(cur) + "'; adopting it into '" + o.scope() + "'"
              : "defined on the host but not by xm; adopting it");
    }
    return change(
        Action.UPDATE,
        differ.isEmpty()
            ? "defined on the host; " + (suspended ? "resuming" : "starting") + " it"
            : "its definition differs from its spec; nothing runs, so it is defined again");
  }

  /**
   * A running domain whose spec says defined: shut down, and kept by the host (a domain made by xm
   * create, or one that moves or changed, is defined afresh from its spec).
   */
  private Change toDefinition(String curHost, DomainInfo cur, DomainConfig want, boolean adopting) {
    if (held("state")) {
      noteHeld("state");
      return change(adopting ? Action.ADOPT : Action.NOOP, "state is held");
    }
    boolean moving = !curHost.equals(host);
    List<FieldChange> differ = definitionFields(cur, want);
    ops.add(new Op.Stop(curHost, d.name(), uuid));
    fields.add(new FieldChange("state", stateOf(cur), "defined", "shutdown", true, d.at("state")));
    if (cur.persistent() && !moving && !differ.isEmpty()) { // halted now: made anew in one step
      ops.add(new Op.Redefine(curHost, d.name(), uuid, want, annotations()));
      fields.addAll(differ);
    } else if (!cur.persistent() || moving || !differ.isEmpty()) {
      ops.add(new Op.Define(host, want.uuid() == null ? want.withUuid(uuid) : want, annotations()));
      if (cur.persistent()) { // after the new one is made: a kill between leaves two, never none
        ops.add(new Op.Delete(curHost, d.name(), uuid));
      }
      fields.addAll(differ);
      if (moving) {
        fields.add(new FieldChange("host", curHost, host, "new", true, d.at("host")));
      }
    }
    return change(Action.STOP, "declared defined: kept by the host, not running");
  }

  /** Every declared field (sched too) that differs, as a definition would be made again for it. */
  private List<FieldChange> definitionFields(DomainInfo cur, DomainConfig want) {
    List<FieldChange> out = new ArrayList<>();
    for (String f : COMPARED) {
      if (!d.declares(f)) {
        continue;
      }
      String before = observedAs(cur, want, f);
      String after = value(want, f);
      if (!Objects.equals(before, after)) {
        out.add(new FieldChange(f, before, after, "delete + new", true, d.at(f)));
      }
    }
    if (d.declares("sched")) {
      xm.hypervisor.Sched now = cur.sched();
      int weight =
          intOr(
              want.extras().get("cpu_weight"),
              xm.hypervisor.Sched.defaults(false).weight(),
              xm.hypervisor.Sched.MIN_WEIGHT,
              xm.hypervisor.Sched.MAX_WEIGHT);
      int cap =
          intOr(want.extras().get("cpu_cap"), 0, 0, xm.hypervisor.Sched.maxCap(want.maxVcpus()));
      if (weight != now.weight() || cap != now.cap()) {
        out.add(
            new FieldChange(
                "sched",
                "weight " + now.weight() + ", cap " + now.cap(),
                "weight " + weight + ", cap " + cap,
                "delete + new",
                true,
                d.at("sched")));
      }
    }
    return out;
  }

  /**
   * What apply keeps on the host for prune, when the spec is gone: the prune opt-out and the
   * dependency wave. A spec that changes them is a change apply makes (with an annotation), so that
   * {@code prune: false} added to a running domain's spec protects it.
   */
  private void bookkeeping(String curHost, DomainInfo cur) {
    Map<String, String> want = annotations();
    Map<String, String> change = new LinkedHashMap<>();
    String havePrune = cur.annotations().get("xm/prune");
    if (!Objects.equals(havePrune, want.get("xm/prune"))) {
      change.put("xm/prune", want.get("xm/prune"));
      fields.add(
          new FieldChange(
              "prune",
              havePrune == null ? "allowed" : "never",
              d.prune() ? "allowed" : "never",
              "annotate",
              true,
              d.at("prune")));
    }
    String haveWave = cur.annotations().getOrDefault("xm/wave", "0");
    if (waveKnown && !haveWave.equals(want.get("xm/wave"))) {
      change.put("xm/wave", want.get("xm/wave"));
      fields.add(
          new FieldChange(
              "dependsOn wave",
              haveWave,
              want.get("xm/wave"),
              "annotate",
              true,
              d.at("dependsOn")));
    }
    if (!change.isEmpty()) {
      ops.add(new Op.Annotate(curHost, d.name(), uuid, change));
    }
  }

  /** Whether the host kept a dead domain because its on_crash or on_poweroff says preserve. */
  private static boolean preserved(DomainInfo cur) {
    LifecycleAction a =
        cur.power() == PowerState.CRASHED ? cur.config().onCrash() : cur.config().onPoweroff();
    return a == LifecycleAction.PRESERVE;
  }

  /** Plans {@code field}'s operations, or, when an operator holds it, notes the hold instead. */
  private void unlessHeld(String field, Runnable plan) {
    int opCount = ops.size();
    int fieldCount = fields.size();
    plan.run();
    if (held(field) && ops.size() > opCount) {
      ops.subList(opCount, ops.size()).clear();
      fields.subList(fieldCount, fields.size()).clear();
      noteHeld(field);
    }
  }

  private void readHolds(DomainInfo cur) {
    for (Map.Entry<String, String> a : cur.annotations().entrySet()) {
      if (a.getKey().startsWith("xm/hold/")) {
        Hold h = Hold.parse(a.getKey().substring("xm/hold/".length()), a.getValue());
        if (h != null && h.untilMs() > nowMs) {
          holds.put(h.field(), h);
        }
      }
    }
  }

  /** Whether {@code field} is held; records the hold once when it keeps a difference. */
  private boolean held(String field) {
    return holds.containsKey(field);
  }

  private void noteHeld(String field) {
    Hold h = holds.get(field);
    if (h != null && !held.contains(h)) {
      held.add(h);
    }
  }

  /** Declared fields the backend changes only by a rebuild, and that differ. */
  private List<FieldChange> restartFields(DomainInfo cur, DomainConfig want) {
    List<FieldChange> out = new ArrayList<>();
    for (String f : COMPARED) {
      if (!d.declares(f) || live(f) || held(f)) {
        continue;
      }
      String before = observedAs(cur, want, f);
      String after = value(want, f);
      if (!Objects.equals(before, after)) {
        out.add(new FieldChange(f, before, after, "restart", false, d.at(f)));
      }
    }
    return out;
  }

  /**
   * The vifs a host runs as the spec declares them: a MAC the spec leaves out is the host's to
   * choose (as in the live comparison), so it is not compared when the vifs need a restart either.
   */
  static String vifsAsDeclared(List<VifSpec> have, List<VifSpec> want) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < have.size(); i++) {
      java.util.TreeMap<String, String> o = new java.util.TreeMap<>(have.get(i).options());
      if (i < want.size() && want.get(i).option("mac") == null) {
        o.remove("mac");
      }
      out.add(o.toString());
    }
    return out.toString();
  }

  /**
   * A field of what a host runs, as compared with {@link #value}: memory is the balloon target the
   * host holds (a guest still on its way to it is not drift), VCPUs as they are now.
   */
  static String observedValue(DomainInfo cur, String field) {
    return switch (field) {
      case "memory" -> cur.config().memoryMiB() + " MiB";
      case "maxmem" -> cur.maxmemMiB() + " MiB";
      case "vcpus" -> Integer.toString(cur.onlineVcpus());
      default -> value(cur.config(), field);
    };
  }

  /**
   * The extras compared as extras: not the ones fields of their own stand for (sched's cpu_weight
   * and cpu_cap, the pci and vscsi lists).
   */
  private static java.util.Map<String, String> withoutSched(java.util.Map<String, String> extras) {
    java.util.Map<String, String> m = new java.util.TreeMap<>(extras);
    m.keySet().removeAll(List.of("cpu_weight", "cpu_cap", "pci", "vscsi"));
    return m.size() == extras.size() ? extras : m;
  }

  /**
   * Field {@code f} of what the host runs, as it is compared with {@code want}: a vif's MAC or a
   * PCI device's virtual slot the spec leaves out is the host's to choose, and a SCSI LUN the spec
   * names by its host address is taken to be the one the host gave at that guest address.
   */
  static String observedAs(DomainInfo cur, DomainConfig want, String f) {
    return switch (f) {
      case "vifs" -> vifsAsDeclared(cur.config().vifs(), want.vifs());
      case "pci" ->
          PassthroughLists.observedPci(cur.config().extras().get("pci"), want.extras().get("pci"));
      case "vscsi" ->
          PassthroughLists.observedVscsi(
              cur.config().extras().get("vscsi"), want.extras().get("vscsi"));
      default -> observedValue(cur, f);
    };
  }

  static String value(DomainConfig c, String field) {
    return switch (field) {
      case "builder" -> c.builder();
      case "kernel" -> c.kernel();
      case "ramdisk" -> c.ramdisk();
      case "cmdline" -> c.cmdline();
      case "memory" -> c.memoryMiB() + " MiB";
      case "maxmem" -> c.maxmemMiB() + " MiB";
      case "vcpus" -> Integer.toString(c.vcpus());
      case "maxvcpus" -> Integer.toString(c.maxVcpus());
      case "cpus" -> c.cpus() == null ? "any" : c.cpus();
      case "onPoweroff" -> c.onPoweroff().text();
      case "onReboot" -> c.onReboot().text();
      case "onCrash" -> c.onCrash().text();
      case "disks" -> c.disks().stream().map(DomainDiff::describe).toList().toString();
      case "vifs" ->
          c.vifs().stream()
              .map(v -> new java.util.TreeMap<>(v.options()).toString())
              .toList()
              .toString();
      case "security" -> c.securityLabel() == null ? "(none)" : c.securityLabel().toString();
      case "vtpms" -> c.vtpms().toString();
      case "pci" -> PassthroughLists.pci(c.extras().get("pci"));
      case "vscsi" -> PassthroughLists.vscsi(c.extras().get("vscsi"));
      case "extras" ->
          withoutSched(c.extras()).toString(); // cpu_weight and cpu_cap are compared live (sched)
      default -> throw new IllegalArgumentException(field);
    };
  }

  /**
   * Memory by mem-set and the ceiling by mem-max, in an order that keeps memory within maxmem at
   * every step. A held memory or maxmem is left as it is, and what depends on it waits: the ceiling
   * never goes below a held balloon, a balloon never above a held ceiling. When the spec lowers
   * maxmem below the balloon and does not declare memory, the balloon comes down to it.
   */
  private void memory(String at, DomainInfo cur, DomainConfig want) {
    long curMem = cur.config().memoryMiB();
    long curMax = cur.maxmemMiB();
    long wantMem = d.declares("memory") ? want.memoryMiB() : curMem;
    long wantMax = d.declares("maxmem") ? want.maxmemMiB() : Math.max(curMax, wantMem);
    if (held("memory") && wantMem != curMem) {
      noteHeld("memory");
      wantMem = curMem;
    }
    if (held("maxmem") && wantMax != curMax) {
      noteHeld("maxmem");
      wantMax = curMax;
    }
    if (wantMem > wantMax) {
      if (held("maxmem")) {
        noteHeld("maxmem");
        wantMem = curMem;
      } else if (held("memory")) {
        wantMax = Math.max(wantMax, curMem);
      } else {
        wantMem = wantMax;
      }
    }
    FieldChange maxChange =
        new FieldChange(
            "maxmem", curMax + " MiB", wantMax + " MiB", "mem-max", true, d.at("maxmem"));
    FieldChange memChange =
        new FieldChange(
            "memory", curMem + " MiB", wantMem + " MiB", "mem-set", true, d.at("memory"));
    if (wantMax > curMax) {
      ops.add(new Op.MemMax(at, d.name(), uuid, wantMax));
      fields.add(maxChange);
    }
    if (wantMem != curMem) {
      ops.add(new Op.MemSet(at, d.name(), uuid, wantMem));
      fields.add(memChange);
    }
    if (wantMax < curMax) {
      ops.add(new Op.MemMax(at, d.name(), uuid, wantMax));
      fields.add(maxChange);
    }
  }

  /**
   * Memory by mem-set alone, for a backend that changes maxmem only by a rebuild: the balloon moves
   * to the declared memory within the ceiling the domain has now (a higher one is the restart's to
   * give).
   */
  private void balloon(String at, DomainInfo cur, DomainConfig want) {
    if (!d.declares("memory")
        || want.memoryMiB() == cur.config().memoryMiB()
        || want.memoryMiB() > cur.maxmemMiB()) {
      return;
    }
    if (held("memory")) {
      noteHeld("memory");
      return;
    }
    ops.add(new Op.MemSet(at, d.name(), uuid, want.memoryMiB()));
    fields.add(
        new FieldChange(
            "memory",
            cur.config().memoryMiB() + " MiB",
            want.memoryMiB() + " MiB",
            "mem-set",
            true,
            d.at("memory")));
  }

  /**
   * The credit scheduler's weight and cap by sched-credit, live; what the spec leaves out stays as
   * it is.
   */
  private void sched(String at, DomainInfo cur, DomainConfig want) {
    if (!d.declares("sched")) {
      return;
    }
    xm.hypervisor.Sched now = cur.sched();
    // a value outside the limits is the host's to refuse at create; it is not chased live
    int weight =
        intOr(
            want.extras().get("cpu_weight"),
            now.weight(),
            xm.hypervisor.Sched.MIN_WEIGHT,
            xm.hypervisor.Sched.MAX_WEIGHT);
    int cap =
        intOr(
            want.extras().get("cpu_cap"),
            now.cap(),
            0,
            xm.hypervisor.Sched.maxCap(cur.onlineVcpus()));
    if (weight == now.weight() && cap == now.cap()) {
      return;
    }
    ops.add(new Op.SchedCredit(at, d.name(), uuid, weight, cap));
    fields.add(
        new FieldChange(
            "sched",
            "weight " + now.weight() + ", cap " + now.cap(),
            "weight " + weight + ", cap " + cap,
            "sched-credit",
            true,
            d.at("sched")));
  }

  private static int intOr(String v, int fallback, int min, int max) {
    if (v == null || !v.trim().matches("[0-9]{1,9}")) {
      return fallback;
    }
    int n = Integer.parseInt(v.trim());
    return n >= min && n <= max ? n : fallback;
  }

  private void vcpus(String at, DomainInfo cur, DomainConfig want) {
    if (!d.declares("vcpus") || want.vcpus() == cur.onlineVcpus()) {
      return;
    }
    if (held("vcpus")) {
      noteHeld("vcpus");
      return;
    }
    FieldChange fc =
        new FieldChange(
            "vcpus",
            Integer.toString(cur.onlineVcpus()),
            Integer.toString(want.vcpus()),
            "vcpu-set",
            true,
            d.at("vcpus"));
    if (want.vcpus() > cur.config().maxVcpus()) {
      return; // a restart: see diff()
    }
    ops.add(new Op.VcpuSet(at, d.name(), uuid, want.vcpus()));
    fields.add(fc);
  }

  private void state(String at, DomainInfo cur) {
    boolean paused = cur.power() == PowerState.PAUSED;
    boolean wantPaused = d.state() == DesiredState.PAUSED;
    if (paused == wantPaused) {
      return;
    }
    if (held("state")) {
      noteHeld("state");
      return;
    }
    ops.add(wantPaused ? new Op.Pause(at, d.name(), uuid) : new Op.Unpause(at, d.name(), uuid));
    fields.add(
        new FieldChange(
            "state",
            stateOf(cur),
            d.state().text(),
            wantPaused ? "pause" : "unpause",
            true,
            d.at("state")));
  }

  static String stateOf(DomainInfo cur) {
    return switch (cur.power()) {
      case HALTED -> "defined, halted";
      case SUSPENDED -> "defined, suspended";
      case PAUSED -> "paused";
      case SHUTDOWN -> "shut down";
      case CRASHED -> "crashed";
      default -> "running";
    };
  }

  private void disks(String at, DomainInfo cur, DomainConfig want) {
    Map<Integer, DiskSpec> wanted = new LinkedHashMap<>();
    for (DiskSpec s : want.disks()) {
      wanted.put(DeviceNumbers.of(s.dev()), s);
    }
    Map<Integer, DiskSpec> have = new LinkedHashMap<>();
    for (BlockDevice b : cur.blockDevices()) {
      have.put(b.devnum(), b.spec());
    }
    List<Op> attaches = new ArrayList<>();
    for (Map.Entry<Integer, DiskSpec> h : have.entrySet()) {
      DiskSpec w = wanted.get(h.getKey());
      if (w == null || !sameDisk(w, h.getValue())) {
        ops.add(new Op.DetachDisk(at, d.name(), uuid, h.getKey()));
        fields.add(
            new FieldChange(
                "disks[" + DeviceNumbers.baseName(h.getValue().dev()) + "]",
                describe(h.getValue()),
                w == null ? "(none)" : describe(w),
                "block-detach",
                true,
                d.at("disks")));
      }
    }
    for (Map.Entry<Integer, DiskSpec> w : wanted.entrySet()) {
      DiskSpec h = have.get(w.getKey());
      if (h == null || !sameDisk(w.getValue(), h)) {
        attaches.add(new Op.AttachDisk(at, d.name(), uuid, w.getValue()));
        if (h == null) {
          fields.add(
              new FieldChange(
                  "disks[" + DeviceNumbers.baseName(w.getValue().dev()) + "]",
                  "(none)",
                  describe(w.getValue()),
                  "block-attach",
                  true,
                  d.at("disks")));
        }
      }
    }
    ops.addAll(attaches);
  }

  private static boolean sameDisk(DiskSpec a, DiskSpec b) {
    return a.uname().equals(b.uname())
        && a.mode().equals(b.mode())
        && a.backendDomain() == b.backendDomain()
        && DeviceNumbers.isCdrom(a.dev()) == DeviceNumbers.isCdrom(b.dev());
  }

  static String describe(DiskSpec s) {
    return (s.uname().isEmpty() ? "(empty)" : s.uname()) + " " + s.mode();
  }

  private void vifs(String at, DomainInfo cur, DomainConfig want) {
    List<NetDevice> have = new ArrayList<>(cur.netDevices());
    List<VifSpec> unmatched = new ArrayList<>();
    List<NetDevice[]> pairs = new ArrayList<>();
    List<VifSpec> pairWants = new ArrayList<>();
    for (VifSpec w : want.vifs()) {
      NetDevice byMac = null;
      if (w.option("mac") != null) {
        for (NetDevice n : have) {
          if (w.option("mac").equalsIgnoreCase(n.mac())) {
            byMac = n;
          }
        }
      }
      if (byMac != null) {
        have.remove(byMac);
        pairs.add(new NetDevice[] {byMac});
        pairWants.add(w);
      } else {
        unmatched.add(w);
      }
    }
    List<VifSpec> toAttach = new ArrayList<>();
    for (VifSpec w : unmatched) {
      if (w.option("mac") == null && !have.isEmpty()) {
        pairs.add(new NetDevice[] {have.remove(0)});
        pairWants.add(w);
      } else {
        toAttach.add(w);
      }
    }
    List<Op> attaches = new ArrayList<>();
    for (NetDevice n : have) {
      ops.add(new Op.DetachVif(at, d.name(), uuid, n.handle()));
      fields.add(
          new FieldChange(
              "vifs[" + n.handle() + "]", n.mac(), "(none)", "network-detach", true, d.at("vifs")));
    }
    for (int i = 0; i < pairs.size(); i++) {
      NetDevice n = pairs.get(i)[0];
      VifSpec w = pairWants.get(i);
      if (!sameVif(w, n.spec())) {
        ops.add(new Op.DetachVif(at, d.name(), uuid, n.handle()));
        VifSpec keepMac = w.option("mac") == null ? w.with("mac", n.mac()) : w;
        attaches.add(new Op.AttachVif(at, d.name(), uuid, keepMac));
        fields.add(
            new FieldChange(
                "vifs[" + n.handle() + "]",
                n.spec().options().toString(),
                keepMac.options().toString(),
                "network-detach + network-attach",
                true,
                d.at("vifs")));
      }
    }
    for (VifSpec w : toAttach) {
      attaches.add(new Op.AttachVif(at, d.name(), uuid, w));
      fields.add(
          new FieldChange(
              "vifs[new]", "(none)", w.options().toString(), "network-attach", true, d.at("vifs")));
    }
    ops.addAll(attaches);
  }

  /** The declared options agree (a MAC the spec leaves out is the host's to choose). */
  private static boolean sameVif(VifSpec want, VifSpec have) {
    for (Map.Entry<String, String> e : want.options().entrySet()) {
      if (!e.getValue().equalsIgnoreCase(have.options().getOrDefault(e.getKey(), ""))) {
        return false;
      }
    }
    for (String k : have.options().keySet()) {
      if (!k.equals("mac") && !want.options().containsKey(k)) {
        return false;
      }
    }
    return true;
  }

  private Change change(Action action, String reason) {
    return new Change(
        host,
        d.name(),
        action,
        fields,
        ops,
        held,
        pending,
        reason,
        wave,
        d.location(),
        d.dependsOn());
  }
}
