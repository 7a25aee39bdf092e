package xm.hypervisor.sim;

import java.util.UUID;
import xm.hypervisor.LifecycleAction;

/**
 * What the simulated host does on its own as time passes: it finishes the shutdowns, reboots and
 * crashes guests started, applying each domain's on_poweroff, on_reboot or on_crash action at the
 * moment the operation was due. Deterministic: the same state and time give the same result.
 */
final class Lifecycle {
  /** Share of each online VCPU a guest uses; Domain-0 works a little harder. */
  static final double GUEST_UTILISATION = 0.02;

  static final double DOM0_UTILISATION = 0.05;

  private Lifecycle() {}

  static double utilisation(SimDomain d) {
    return d.isDomain0() ? DOM0_UTILISATION : GUEST_UTILISATION;
  }

  /** Applies every pending transition due at or before the transaction's time, oldest first. */
  static void settle(Tx tx) {
    settle(tx, tx.now, false);
  }

  /**
   * Catches up at the start of a transaction: applies every transition due by {@code until}, oldest
   * first, each recorded (change events, log line) at the moment it fell due. Reads apply due
   * transitions only in memory, so the transaction that writes them may come much later; what it
   * records must not carry its own time.
   */
  static void catchUp(Tx tx, long until) {
    settle(tx, until, true);
  }

  private static void settle(Tx tx, long until, boolean recordEach) {
    while (true) {
      SimDomain next = null;
      for (SimDomain d : tx.state.pendingDomains()) {
        if (d.pending != null
            && d.pending.dueMs() <= until
            && (next == null
                || d.pending.dueMs() < next.pending.dueMs()
                || (d.pending.dueMs() == next.pending.dueMs() && d.id < next.id))) {
          next = d;
        }
      }
      if (next == null) {
        return;
      }
      long at = next.pending.dueMs();
      // caught up with, a transition is the host's own doing; settled inside a command (sysrq), the
      // command's
      finish(tx, next, recordEach ? null : tx.origin);
      if (recordEach) {
        tx.checkpointAt(null, at);
      }
    }
  }

  /** The earliest pending transition, or -1 when nothing is pending. */
  static long nextDue(SimState s) {
    long due = -1;
    for (SimDomain d : s.pendingDomains()) {
      if (d.pending != null && (due < 0 || d.pending.dueMs() < due)) {
        due = d.pending.dueMs();
      }
    }
    return due;
  }

  private static void finish(Tx tx, SimDomain d, String by) {
    SimDomain.Pending p = d.pending;
    long at = p.dueMs();
    d.accrue(at, utilisation(d));
    d.setPending(null);
    d.setRunningSinceMs(-1);
    tx.dirty = true;
    LifecycleAction action =
        switch (p.kind()) {
          case POWEROFF -> d.config.onPoweroff();
          case HALT -> LifecycleAction.DESTROY;
          case REBOOT -> d.config.onReboot();
          case CRASH -> d.config.onCrash();
        };
    String what =
        switch (p.kind()) {
          case POWEROFF, HALT -> "shut down";
          case REBOOT -> "rebooted";
          case CRASH -> "crashed";
        };
    String name = d.config.name();
    if (p.kind() == SimDomain.Pending.Kind.CRASH) {
      tx.console(d, "Kernel panic - not syncing: SysRq triggered crash");
    }
    switch (action) {
      case DESTROY, COREDUMP_DESTROY -> {
        tx.logAt(
            at,
            by,
            "INFO",
            "Domain "
                + name
                + " ("
                + d.id
                + ") "
                + what
                + "; destroyed as "
                + rule(p)
                + " says"
                + (d.persistent ? "; it stays defined." : "."));
        SimHost.end(tx, d);
      }
      case PRESERVE -> {
        d.setEndState(p.kind() == SimDomain.Pending.Kind.CRASH ? "crashed" : "shutdown");
        tx.logAt(
            at,
            by,
            "INFO",
            "Domain " + name + " (" + d.id + ") " + what + "; preserved as " + rule(p) + " says.");
      }
      case RESTART, COREDUMP_RESTART -> restart(tx, d, at, by, what, rule(p));
      case RENAME_RESTART -> {
        SimDomain old = new SimDomain();
        old.setId(d.id);
        old.setUuid(
            UUID.nameUUIDFromBytes(
                    (d.uuid + ":" + d.restartCount)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
        old.setConfig(d.config.withName(keptName(tx.state, name, d.id)).withUuid(old.uuid));
        old.setOnlineVcpus(d.onlineVcpus);
        old.setVifHandles(
            new java.util.ArrayList<>(d.vifHandles)); // its interfaces keep their handles
        old.setNextVifHandle(d.nextVifHandle);
        old.setCpuTimeSec(d.cpuTimeSec);
        old.setStartMs(d.startMs);
        old.setEndState(p.kind() == SimDomain.Pending.Kind.CRASH ? "crashed" : "shutdown");
        tx.state.domains.add(old);
        if (tx.freeMiB() < d.config.memoryMiB()) {
          tx.state.domains.remove(d);
          tx.logAt(
              at,
              by,
              "ERROR",
              "Domain "
                  + name
                  + " "
                  + what
                  + "; kept as "
                  + old.config.name()
                  + " but not restarted: not enough free memory.");
        } else {
          restart(tx, d, at, by, what, rule(p));
        }
      }
    }
  }

  /**
   * The name the old copy of a rename-restarted domain keeps: {@code NAME-ID}, shortened to the
   * longest name a domain may have and made unique, so that the state it is written to reads back.
   */
  static String keptName(SimState state, String name, int id) {
    for (int n = 0; ; n++) {
      String suffix = "-" + id + (n == 0 ? "" : "-" + n);
      String base =
          name.length() + suffix.length() <= xm.hypervisor.DomainLimits.MAX_NAME_CHARS
              ? name
              : name.substring(0, xm.hypervisor.DomainLimits.MAX_NAME_CHARS - suffix.length());
      if (state.byName(base + suffix) == null) {
        return base + suffix;
      }
    }
  }

  private static String rule(SimDomain.Pending p) {
    return switch (p.kind()) {
      case POWEROFF -> "on_poweroff";
      case HALT -> "shutdown -H";
      case REBOOT -> "on_reboot";
      case CRASH -> "on_crash";
    };
  }

  /** xm reset: the domain built again at once from its config, under a new id, unpaused. */
  static void reset(Tx tx, SimDomain d, String by) {
    d.setPending(null);
    restart(tx, d, tx.now, by, "was reset", "xm reset");
  }

  private static void restart(Tx tx, SimDomain d, long at, String by, String what, String rule) {
    int oldId = d.id;
    d.setId(tx.state.nextDomid++);
    d.setRestartCount(d.restartCount + 1);
    d.setStartMs(at);
    d.setCpuTimeSec(0);
    d.setRunningSinceMs(at);
    d.setPaused(false);
    d.setEndState(null);
    d.setOnlineVcpus(d.config.vcpus());
    tx.console(d, "");
    tx.console(d, "Restarting system.");
    BootText.guestBoot(tx, d);
    tx.logAt(
        at,
        by,
        "INFO",
        "Domain "
            + d.config.name()
            + " ("
            + oldId
            + ") "
            + what
            + "; restarted as id "
            + d.id
            + " as "
            + rule
            + " says.");
  }
}
