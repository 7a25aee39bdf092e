package xm.cli;

import java.time.Duration;

/**
 * The one parser of durations on xm's command line ({@code --hold 2h}, {@code xm host advance
 * 30s}): a whole number with a unit, {@code ms}, {@code s}, {@code m}, {@code h} or {@code d} (a
 * bare number is seconds), from zero to {@link #LONGEST}. Anything else is a usage error that says
 * why; no value can overflow what is computed from it.
 */
public final class Durations {
  /** The longest duration any command takes: a hundred years of 365 days. */
  public static final Duration LONGEST = Duration.ofDays(36_500);

  private Durations() {}

  public static Duration parse(String text) {
    return parse(
        text, LONGEST, "Invalid duration '" + text + "': at most " + LONGEST.toDays() + "d");
  }

  /**
   * A duration of at most {@code most} (itself at most {@link #LONGEST}); {@code tooLong} is the
   * error past it.
   */
  public static Duration parse(String text, Duration most, String tooLong) {
    return parse(text, most, tooLong, false);
  }

  /**
   * As {@link #parse(String)}, but a duration past {@code most} is taken as {@code most}: for a
   * wait, where "longer than xm ever waits" means "as long as xm waits".
   */
  public static Duration atMost(String text, Duration most) {
    return parse(text, most, null, true);
  }

  private static Duration parse(String text, Duration most, String tooLong, boolean cap) {
    String t = text.trim();
    long unitMs;
    String digits;
    if (t.endsWith("ms")) {
      unitMs = 1;
      digits = t.substring(0, t.length() - 2);
    } else {
      char unit = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
      unitMs =
          switch (unit) {
            case 's' -> 1_000L;
            case 'm' -> 60_000L;
            case 'h' -> 3_600_000L;
            case 'd' -> 86_400_000L;
            default -> Character.isDigit(unit) ? 1_000L : -1;
          };
      digits = Character.isDigit(unit) ? t : t.substring(0, Math.max(0, t.length() - 1));
    }
    if (unitMs < 0 || digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new UsageException(
          "Invalid duration '" + text + "': use a number with ms, s, m, h or d, e.g. 30s");
    }
    long mostUnits = Math.min(most.toMillis(), LONGEST.toMillis()) / unitMs;
    String trimmed = digits.replaceFirst("^0+(?=.)", "");
    if (trimmed.length() > 18 || Long.parseLong(trimmed) > mostUnits) {
      if (cap) {
        return most.compareTo(LONGEST) < 0 ? most : LONGEST;
      }
      throw new UsageException(tooLong);
    }
    return Duration.ofMillis(Long.parseLong(trimmed) * unitMs);
  }
}
