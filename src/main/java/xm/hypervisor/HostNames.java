package xm.hypervisor;

/**
 * The rule for simulated host names. A host name becomes a directory name under XM_HOME, so only a
 * portable, safe set is allowed: ASCII letters, digits, '-', '_' and '.', at most 64 characters,
 * not starting with '.' (which also keeps out "." and ".."). ASCII only, so that no two names a
 * file system might fold or normalize together (case, Unicode forms) can look different.
 */
public final class HostNames {
  public static final int MAX_LENGTH = 64;
  public static final String RULE =
      "use letters, digits, '.', '-' and '_', at most "
          + MAX_LENGTH
          + " characters, not starting with '.'";

  private HostNames() {}

  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || name.startsWith(".")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
