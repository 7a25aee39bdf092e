package xm.hypervisor.sim;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import xm.diag.XmException;

/**
 * One wait for a host's lock, as {@link LockWait} rules it: knows the deadline, sleeps with a
 * backoff between tries (1 ms doubling to {@link #MAX_PAUSE_MS}: a lock freed soon is taken soon, a
 * long wait costs little), says once whom it waits for, and builds the error when time is up. Of
 * all the threads of this process waiting for one host at once, only the first says so: a parallel
 * apply that waits prints one line, not one per thread.
 */
final class LockWaiter {
  static final long MAX_PAUSE_MS = 50;
  private static final ConcurrentHashMap<Path, AtomicInteger> SAYING = new ConcurrentHashMap<>();

  private final LockWait policy;
  private final Path lockFile;
  private final long startNs = System.nanoTime();
  private long pauseMs = 1;
  private boolean said;
  private boolean interrupted;

  LockWaiter(LockWait policy, Path lockFile) {
    this.policy = policy;
    this.lockFile = lockFile;
  }

  private String host() {
    return lockFile.getParent().getFileName().toString();
  }

  long elapsedMs() {
    return (System.nanoTime() - startNs) / 1_000_000;
  }

  /** Milliseconds left before giving up (zero or less: time is up). */
  long remainingMs() {
    return policy.timeout().toMillis() - elapsedMs();
  }

  /** How long the next timed try may block: until the notice is due, or the deadline. */
  long nextSliceMs() {
    long untilNotice = LockWait.NOTICE_AFTER.toMillis() - elapsedMs();
    long left = remainingMs();
    return Math.max(
        0, said || untilNotice <= 0 ? Math.min(left, 250) : Math.min(left, untilNotice));
  }

  /** Says whom we wait for, once, when the wait has lasted long enough. */
  void noticeIfDue() {
    if (said || elapsedMs() < LockWait.NOTICE_AFTER.toMillis()) {
      return;
    }
    said = true;
    if (SAYING.computeIfAbsent(lockFile, f -> new AtomicInteger()).getAndIncrement() == 0) {
      policy
          .notice()
          .accept("xm: waiting for host '" + host() + "': locked by " + holder() + "...");
    }
  }

  /** Sleeps before the next try (never past the deadline), saying whom we wait for when due. */
  void pause() {
    noticeIfDue();
    long ms = Math.max(0, Math.min(pauseMs, remainingMs()));
    pauseMs = Math.min(MAX_PAUSE_MS, pauseMs * 2);
    long until = System.nanoTime() + ms * 1_000_000;
    for (long left = ms; left > 0; left = (until - System.nanoTime()) / 1_000_000) {
      try {
        Thread.sleep(left);
      } catch (InterruptedException e) {
        interrupted = true; // as the uninterruptible lock before: finish the wait, keep the flag
      }
    }
  }

  /** Remembers an interrupt that came during a timed try, to restore it when the wait ends. */
  void interrupted() {
    interrupted = true;
  }

  /** Ends the wait (taken or given up): lets the next waiter speak, restores an interrupt. */
  void done() {
    if (said) {
      SAYING.get(lockFile).decrementAndGet();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The error when time is up, naming the holder and the knob. */
  XmException gaveUp() {
    String waited =
        policy.timeout().isZero()
            ? "not waiting (" + LockWait.KNOB + "=0)"
            : "gave up after " + LockWait.show(policy.timeout());
    return XmException.error(
        "host '"
            + host()
            + "' is locked by "
            + holder()
            + "; "
            + waited
            + ": let it finish, or set "
            + LockWait.KNOB
            + " (a duration such as 30s or 5m) to wait longer");
  }

  /** Who holds the lock, by the kernel's word, or "another process". */
  private String holder() {
    return LockHolders.of(lockFile).map(LockHolders.Holder::describe).orElse("another process");
  }
}
