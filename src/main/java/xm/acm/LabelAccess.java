package xm.acm;

import java.util.Optional;

/**
 * Whether a domain's label lets it run under the host's active policy (everything but the Chinese
 * Wall, which also needs the domains already running), pure: a labeled domain needs an active
 * policy (it cannot be checked otherwise), that policy must be the label's and define the label,
 * and the label's STE types must meet Domain-0's. An unlabeled domain always may.
 */
public final class LabelAccess {
  private LabelAccess() {}

  /**
   * Why a domain labeled {@code policy:label} (both null when unlabeled) may not run under {@code
   * active}; empty if it may.
   */
  public static Optional<String> denyRun(
      Optional<SecurityPolicy> active, String policy, String label) {
    if (label == null) {
      return Optional.empty();
    }
    String shown = "ACM:" + policy + ":" + label;
    if (active.isEmpty()) {
      return Optional.of(
          "Domain is labeled "
              + shown
              + " but no access control policy is active on this host;"
              + " load it with 'xm loadpolicy "
              + policy
              + "' or remove access_control from the config");
    }
    SecurityPolicy p = active.get();
    if (!p.name().equals(policy)) {
      return Optional.of(
          "Domain is labeled "
              + shown
              + " but the active policy is "
              + p.name()
              + "; relabel the domain for "
              + p.name());
    }
    Optional<VmLabel> vm = p.vmLabel(label);
    if (vm.isEmpty()) {
      return Optional.of(
          "Domain is labeled "
              + shown
              + " but policy "
              + p.name()
              + " does not define label '"
              + label
              + "'");
    }
    if (!p.steTypes().isEmpty() && !Ste.authorizedToRun(p, vm.get())) {
      return Optional.of("VM is not authorized to run.");
    }
    return Optional.empty();
  }
}
