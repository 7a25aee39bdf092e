package xm.cli.domain;

import java.time.Duration;
import java.util.Map;
import xm.cli.Opt;
import xm.hypervisor.Hypervisor;
import xm.plan.Hold;

/**
 * {@code --hold DURATION} on imperative commands: after the command succeeds, the host records that
 * {@code xm apply} must leave this field of this domain alone until the hold expires (by the host's
 * clock). {@code xm diff} shows held fields; {@code xm override release} ends a hold early.
 */
public final class Holds {
  public static final Opt HOLD =
      Opt.value(
          null,
          "--hold",
          "<duration>",
          "Keep xm apply from undoing this for a while (e.g. 30m, 2h, 1d)");

  /** The longest hold: a hold is a temporary override; a lasting change belongs in the spec. */
  static final Duration MAX = Duration.ofDays(365);

  private Holds() {}

  /** Validates the duration before the command runs, so a bad one changes nothing. */
  static Duration parse(String text) {
    Duration d =
        xm.cli.Durations.parse(
            text,
            MAX,
            "a hold lasts at most 365d (an override, not a new spec: change the spec instead)");
    if (d.isZero()) {
      throw new xm.cli.UsageException("a hold needs a positive duration, such as 30m or 2h");
    }
    return d;
  }

  static void record(Hypervisor host, String ref, String field, Duration d, String origin) {
    long until = host.now().toEpochMilli() + d.toMillis();
    host.annotate(
        ref, null, Map.of(Hold.key(field), new Hold(field, until, origin).value()), origin);
  }
}
