package xm.acm;

import java.util.Optional;

/**
 * Simple Type Enforcement between a domain and a resource it is about to use (a disk at boot or
 * block-attach, a VLAN at boot or network-attach), pure. Under an active policy with STE types: a
 * labeled domain may use a resource labeled for that policy whose STE types meet its own; an
 * unlabeled domain may use only unlabeled resources. A resource labeled for another policy counts
 * as unlabeled (Xen's "Resource label not for active policy, using DEFAULT"). Without an active
 * policy, no labeled resource may be used at all ({@link #denyWithoutPolicy}).
 */
public final class ResourceAccess {
  private ResourceAccess() {}

  /** A resource a domain uses: as its config names it, canonically, and of which kind. */
  public record Use(String shown, String canonical, Kind kind) {}

  /** What a resource is labeled with in the resource label store. */
  public record Held(String policy, String label) {}

  /** A block device ({@code phy:}, {@code file:}, {@code tap:}) or a network ({@code vlan:N}). */
  public enum Kind {
    BLOCK("block device"),
    NETWORK("network");

    private final String noun;

    Kind(String noun) {
      this.noun = noun;
    }

    public String noun() {
      return noun;
    }
  }

  /**
   * The decision under the host's active policy, or with none ({@link #denyWithoutPolicy}): what
   * every host and the planner ask.
   */
  public static Optional<String> decide(
      Optional<SecurityPolicy> active,
      String domainLabel,
      Kind kind,
      String shown,
      String resource,
      Held held) {
    return active.isEmpty()
        ? denyWithoutPolicy(kind, shown, resource, held)
        : deny(active.get(), domainLabel, kind, shown, resource, held);
  }

  /**
   * Why no domain may use {@code resource} while the host has no active policy: a labeled resource
   * is refused (as the man page says, "labeled resources cannot be used when security is turned
   * off"); empty when it is not labeled.
   */
  public static Optional<String> denyWithoutPolicy(
      Kind kind, String shown, String resource, Held held) {
    if (held == null) {
      return Optional.empty();
    }
    return Optional.of(
        "Security is off, but "
            + kind.noun()
            + " '"
            + shown
            + "' is labeled (ACM:"
            + held.policy()
            + ":"
            + held.label()
            + "); load its policy with 'xm loadpolicy "
            + held.policy()
            + "', or remove the label with"
            + " 'xm rmlabel res "
            + resource
            + "'");
  }

  /**
   * Why a domain holding {@code domainLabel} (null when unlabeled) may not use {@code resource}
   * (canonical name; {@code shown} is how the domain names it) under {@code p}; empty when it may.
   */
  public static Optional<String> deny(
      SecurityPolicy p, String domainLabel, Kind kind, String shown, String resource, Held held) {
    if (p.steTypes().isEmpty()) {
      return Optional.empty(); // a Chinese-Wall-only policy types no resource
    }
    Held forThisPolicy = held != null && held.policy().equals(p.name()) ? held : null;
    if (domainLabel == null) {
      return forThisPolicy == null
          ? Optional.empty()
          : Optional.of(
              "VM must have a security label to access "
                  + kind.noun()
                  + " '"
                  + shown
                  + "' (it is labeled "
                  + forThisPolicy.label()
                  + "); label the domain with 'xm addlabel LABEL dom CONFIGFILE'");
    }
    String denied = "VM's access to " + kind.noun() + " '" + shown + "' denied: ";
    Optional<VmLabel> vm = p.vmLabel(domainLabel);
    if (vm.isEmpty()) {
      return Optional.of(
          denied
              + "policy "
              + p.name()
              + " does not define the domain's label '"
              + domainLabel
              + "'");
    }
    if (forThisPolicy == null) {
      return Optional.of(
          denied
              + "resource '"
              + resource
              + "' is not labeled"
              + (held != null
                  ? " for the active policy "
                      + p.name()
                      + " (it is labeled for "
                      + held.policy()
                      + ")"
                  : "")
              + "; label it with 'xm addlabel LABEL res "
              + resource
              + "'");
    }
    Optional<ResourceLabel> res = p.resourceLabel(forThisPolicy.label());
    if (res.isEmpty()) {
      return Optional.of(
          denied
              + "its label '"
              + forThisPolicy.label()
              + "' is not a resource label of policy "
              + p.name()
              + "; relabel it with 'xm addlabel LABEL res "
              + resource
              + "'");
    }
    if (!Ste.mayUse(vm.get(), res.get())) {
      return Optional.of(
          denied
              + "resource label '"
              + res.get().name()
              + "' "
              + res.get().steTypes()
              + " shares no STE type with the domain's label '"
              + domainLabel
              + "' "
              + vm.get().steTypes());
    }
    return Optional.empty();
  }
}
