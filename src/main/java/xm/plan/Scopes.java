package xm.plan;

import xm.hypervisor.DomainInfo;

/**
 * Which spec set manages a domain, as kubectl's applysets and Argo CD's tracking labels record it:
 * the {@code xm/scope} annotation on the host. Domains managed before scopes existed belong to
 * {@link PlanOptions#DEFAULT_SCOPE}.
 */
public final class Scopes {
  public static final String KEY = "xm/scope";

  private Scopes() {}

  /** The scope that manages {@code d}, or null when xm does not manage it. */
  public static String of(DomainInfo d) {
    if (!d.managed()) {
      return null;
    }
    return d.annotations().getOrDefault(KEY, PlanOptions.DEFAULT_SCOPE);
  }

  /**
   * Whether {@code name} is a usable scope name: ASCII letters and digits, '.', '-', '_', at most
   * 63 (no look-alike letters from other scripts, and the same in every locale).
   */
  public static boolean isValid(String name) {
    return name != null
        && !name.isEmpty()
        && name.length() <= 63
        && name.chars()
            .allMatch(
                c ->
                    (c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || c == '-'
                        || c == '_'
                        || c == '.');
  }
}
