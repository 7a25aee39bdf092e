package xm.controller;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a host waits after failed passes: one second doubled per consecutive failure, at most
 * {@code max}, each delay spread by a random factor between 0.5 and 1.5 (jitter), so that hosts
 * that failed together (a shared outage) do not retry in lockstep. A seeded generator makes a
 * sequence reproducible.
 */
public final class Backoff {
  private final Duration max;
  private final RandomGenerator random;

  public Backoff(Duration max, RandomGenerator random) {
    this.max = max;
    this.random = random;
  }

  /** The delay before the next pass after {@code failures} (at least 1) failed passes in a row. */
  public synchronized Duration after(int failures) {
    long base = 1000L << Math.min(Math.max(failures, 1) - 1, 30);
    long capped = Math.min(base, max.toMillis());
    long jittered = (long) (capped * (0.5 + random.nextDouble()));
    return Duration.ofMillis(Math.max(1, Math.min(jittered, max.toMillis())));
  }
}
