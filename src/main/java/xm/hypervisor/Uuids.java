package xm.hypervisor;

/**
 * Domain uuids in RFC 4122's text form: 32 hex digits as 8-4-4-4-12 ({@code
 * 6f1b3c0e-2a4d-4c8e-9b1f-0d2e3f4a5b6c}). A uuid names files (a domain's console log), so one that
 * is anything else (a {@code ../} path, a NUL, a thousand characters) is refused wherever it
 * enters: config files, the command line, specs, save files, state files, migrations.
 */
public final class Uuids {
  private Uuids() {}

  /** Whether {@code s} is a uuid in RFC 4122 text form (either case of hex digit). */
  public static boolean isValid(String s) {
    if (s == null || s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      boolean ok =
          dash
              ? c == '-'
              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The one-line refusal for {@code s}: what it is, and what a uuid looks like. */
  public static String problem(String s) {
    return "invalid uuid "
        + shown(s)
        + ": a uuid is 32 hex digits grouped 8-4-4-4-12,"
        + " e.g. 6f1b3c0e-2a4d-4c8e-9b1f-0d2e3f4a5b6c";
  }

  /** {@code s} quoted for a message: control characters escaped, at most 60 characters shown. */
  static String shown(String s) {
    StringBuilder out = new StringBuilder("'");
    int n = Math.min(s.length(), 60);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('\'');
    return s.length() > n ? out + " (" + s.length() + " characters)" : out.toString();
  }
}
