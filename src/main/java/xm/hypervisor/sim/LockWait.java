package xm.hypervisor.sim;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How long a simulated host's users wait for its lock, and where the one line saying whom they wait
 * for goes. A lock never waits silently and never forever: after {@link #NOTICE_AFTER} the waiter
 * says who holds the lock, and after {@code timeout} it gives up with an error naming the holder
 * and the knob ({@code XM_LOCK_TIMEOUT}). A zero timeout means: do not wait at all.
 *
 * @param timeout the longest wait, zero or more
 * @param notice where the "waiting for" line goes (standard error for the CLI)
 */
public record LockWait(Duration timeout, Consumer<String> notice) {
  /** The environment variable that sets the timeout, named in every message about it. */
  public static final String KNOB = "XM_LOCK_TIMEOUT";

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** Waits shorter than this pass without a word: the ordinary contention of a busy host. */
  public static final Duration NOTICE_AFTER = Duration.ofSeconds(1);

  /** Longer waits are taken as this long: no deadline arithmetic can overflow. */
  public static final Duration MAX_TIMEOUT = Duration.ofDays(365);

  public LockWait {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("negative lock timeout " + timeout);
    }
    if (timeout.compareTo(MAX_TIMEOUT) > 0) {
      timeout = MAX_TIMEOUT;
    }
  }

  /** The default timeout, telling standard error. */
  public static LockWait defaults() {
    return new LockWait(DEFAULT_TIMEOUT, line -> System.err.println(line));
  }

  /** "60s", "2m", "1500ms": a duration as {@code XM_LOCK_TIMEOUT} takes it. */
  public static String show(Duration d) {
    long ms = d.toMillis();
    if (ms != 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
