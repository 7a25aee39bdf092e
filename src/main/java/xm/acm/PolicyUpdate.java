package xm.acm;

import java.util.Optional;

/**
 * Whether a policy may be loaded over the active one, pure. A policy that names the policy it
 * updates ({@code FromPolicy}) is an update of exactly that policy and version: loaded over any
 * other it would rename labels it does not know, so it is refused. A policy without one may
 * replace any (the labels of the old one then show as {@code INV_ACM}), and a policy may always
 * be loaded again over itself.
 */
public final class PolicyUpdate {
  private PolicyUpdate() {}

  public static Optional<String> denyOver(Optional<SecurityPolicy> active, SecurityPolicy next) {
    if (next.fromPolicy().isEmpty() || active.isEmpty() || active.get().name().equals(next.name())) {
      return Optional.empty();
    }
    PolicyRef from = next.fromPolicy().get();
    SecurityPolicy now = active.get();
    if (from.name().equals(now.name()) && from.version().equals(now.version())) {
      return Optional.empty();
    }
    return Optional.of("it updates policy " + from + ", but the active policy is " + now.name() + " " + now.version());
  }
}
