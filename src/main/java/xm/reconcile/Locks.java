package xm.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xm.diag.XmException;
import xm.hypervisor.ApplyLock;
import xm.hypervisor.HostFactory;

/**
 * Whole-apply locks on several hosts, taken in sorted order (so two applies never deadlock) and
 * released together. A lock that is taken is waited for up to the lock timeout, polling; after a
 * second the listener hears once per host that the apply is waiting and for whom, so a lock never
 * waits silently; past the timeout the apply is refused naming the holder and the knobs.
 */
final class Locks {
  static final long POLL_MS = 100;

  /** Shorter waits pass without a word (as the host lock's do). */
  static final long NOTICE_AFTER_MS = 1000;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final HostFactory hosts;
  private final Clock clock;

  Locks(HostFactory hosts, Clock clock) {
    this.hosts = hosts;
    this.clock = clock;
  }

  /** Locks held together; closing releases them all. */
  interface Held extends AutoCloseable {
    Held NONE = () -> {};

    @Override
    void close();
  }

  Held all(List<String> names, String origin, Duration timeout, EngineListener listener) {
    ApplyLock.Holder me = Engine.holder(origin, clock);
    List<ApplyLock> held = new ArrayList<>();
    Held all =
        () -> {
          for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).close();
          }
        };
    try {
      long start = clock.millis();
      long deadline = start + timeout.toMillis();
      for (String name : names.stream().sorted().toList()) {
        boolean told = false;
        while (true) {
          Optional<ApplyLock> lock = hosts.tryLockForApply(name, me);
          if (lock.isPresent()) {
            held.add(lock.get());
            break;
          }
          Optional<ApplyLock.Holder> holder = hosts.applyLockHolder(name);
          if (clock.millis() >= deadline) {
            throw XmException.error(
                describe(name, holder)
                    + "; "
                    + (timeout.isZero()
                        ? "not waiting"
                        : "gave up after "
                            + (timeout.toMillis() % 1000 == 0
                                ? timeout.toSeconds() + "s"
                                : timeout.toMillis() + "ms"))
                    + ": let it finish, or wait longer with --lock-timeout SECS"
                    + " or XM_LOCK_TIMEOUT (a duration such as 30s or 5m)");
          }
          if (!told && clock.millis() - start >= NOTICE_AFTER_MS) {
            listener.waiting(name, holder.orElse(null));
            told = true;
          }
          sleep(Math.min(POLL_MS, Math.max(1, deadline - clock.millis())));
        }
      }
      return all;
    } catch (RuntimeException e) {
      all.close();
      throw e;
    }
  }

  /** "host 'localhost' is locked by xm apply -f specs/ (pid 4242, since 14:02:11)". */
  String describe(String host, Optional<ApplyLock.Holder> holder) {
    return "host '"
        + host
        + "' is locked by "
        + holder.map(this::describe).orElse("another xm apply");
  }

  String describe(ApplyLock.Holder h) {
    return xm.diag.SafeText.oneLine(h.command())
        + " (pid "
        + h.pid()
        + (h.sinceMs() <= 0
            ? ""
            : ", since " + TIME.format(Instant.ofEpochMilli(h.sinceMs()).atZone(clock.getZone())))
        + ")";
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw XmException.error("interrupted while waiting for the apply lock");
    }
  }
}
