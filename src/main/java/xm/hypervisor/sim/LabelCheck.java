package xm.hypervisor.sim;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import xm.acm.ChineseWall;
import xm.acm.SecurityPolicy;
import xm.acm.Ste;
import xm.acm.VmLabel;
import xm.diag.XmException;
import xm.hypervisor.SecurityLabel;

/**
 * A domain's security label checked against the host's active policy when it is about to run
 * (create, restore, migrate-in, unpause), with the pure decisions of {@code xm.acm} only. A
 * labeled domain needs an active policy (it cannot be checked otherwise) of the label's policy
 * that defines the label; its STE types must meet Domain-0's; and it may not be in conflict with a
 * domain already there (Domain-0 holds the bootstrap label). An unlabeled domain always may.
 */
final class LabelCheck {
  private LabelCheck() {}

  static void requireMayRun(Optional<SecurityPolicy> active, SimState state, SimDomain self, SecurityLabel label) {
    if (label == null) {
      return;
    }
    if (active.isEmpty()) {
      throw XmException.error("Domain is labeled " + label + " but no access control policy is active on this host;"
          + " load it with 'xm loadpolicy " + label.policy() + "' or remove access_control from the config");
    }
    SecurityPolicy p = active.get();
    if (!p.name().equals(label.policy())) {
      throw XmException.error("Domain is labeled " + label + " but the active policy is " + p.name()
          + "; relabel the domain for " + p.name());
    }
    Optional<VmLabel> vm = p.vmLabel(label.label());
    if (vm.isEmpty()) {
      throw XmException.error("Domain is labeled " + label + " but policy " + p.name() + " does not define label '"
          + label.label() + "'");
    }
    if (!p.steTypes().isEmpty() && !Ste.authorizedToRun(p, vm.get())) {
      throw XmException.error("VM is not authorized to run.");
    }
    Optional<String> why = ChineseWall.denyStart(p, label.label(), running(p, state, self));
    if (why.isPresent()) {
      throw XmException.error(why.get());
    }
  }

  /** Domain name to label name of the domains on the host other than {@code self} (by name, as a policy load
   * checked them); Domain-0 holds the bootstrap label. */
  static Map<String, String> running(SecurityPolicy p, SimState state, SimDomain self) {
    Map<String, String> running = new TreeMap<>();
    for (SimDomain d : state.domains) {
      if (d == self || (self != null && d.config.name().equals(self.config.name()))) {
        continue;
      }
      if (d.isDomain0()) {
        running.put(d.config.name(), p.bootstrap());
      } else if (d.config.securityLabel() != null) {
        running.put(d.config.name(), d.config.securityLabel().label());
      }
    }
    return running;
  }
}
