package xm.plan;

/** A field an operator holds: apply leaves it alone until {@code untilMs}. */
public record Hold(String field, long untilMs, String origin) {
  /** The annotation key a hold on {@code field} is kept under. */
  public static String key(String field) {
    return "xm/hold/" + field;
  }

  /** The annotation value: "UNTIL_MS ORIGIN". */
  public String value() {
    return untilMs + " " + origin;
  }

  /** Reads an annotation written by {@link #value}, or null. */
  public static Hold parse(String field, String value) {
    int space = value.indexOf(' ');
    try {
      long until = Long.parseLong(space < 0 ? value : value.substring(0, space));
      return new Hold(field, until, space < 0 ? "" : value.substring(space + 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
