package xm.hypervisor;

/** The rule xend applied to domain names. */
public final class DomainNames {
  private DomainNames() {}

  /** True when {@code name} matches {@code ^[A-Za-z0-9_\-.:/+]+$}. */
  public static boolean isValid(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || c == '.'
              || c == ':'
              || c == '/'
              || c == '+';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
