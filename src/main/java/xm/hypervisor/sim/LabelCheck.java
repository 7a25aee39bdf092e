package xm.hypervisor.sim;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import xm.acm.ChineseWall;
import xm.acm.LabelAccess;
import xm.acm.SecurityPolicy;
import xm.diag.XmException;
import xm.hypervisor.SecurityLabel;

/**
 * A domain's security label checked against the host's active policy when it is about to run
 * (create, restore, migrate-in, unpause), with the pure decisions of {@code xm.acm} only. A labeled
 * domain needs an active policy (it cannot be checked otherwise) of the label's policy that defines
 * the label; its STE types must meet Domain-0's; and it may not be in conflict with a domain
 * already there (Domain-0 holds the bootstrap label). An unlabeled domain always may.
 */
final class LabelCheck {
  private LabelCheck() {}

  static void requireMayRun(
      Optional<SecurityPolicy> active, SimState state, SimDomain self, SecurityLabel label) {
    if (label == null) {
      return;
    }
    Optional<String> denied = LabelAccess.denyRun(active, label.policy(), label.label());
    if (denied.isPresent()) {
      throw XmException.error(denied.get());
    }
    SecurityPolicy p = active.get();
    Optional<String> why = ChineseWall.denyStart(p, label.label(), running(p, state, self));
    if (why.isPresent()) {
      throw XmException.error(why.get());
    }
  }

  /**
   * Domain name to label name of the domains on the host other than {@code self} (by name, as a
   * policy load checked them); Domain-0 holds the bootstrap label.
   */
  static Map<String, String> running(SecurityPolicy p, SimState state, SimDomain self) {
    Map<String, String> running = new TreeMap<>();
    for (SimDomain d : state.domains) {
      if (d == self
          || !d.isActive()
          || (self != null && d.config.name().equals(self.config.name()))) {
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
