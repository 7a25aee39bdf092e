package xm.hypervisor.sim;

import java.util.Map;
import java.util.Optional;
import xm.acm.ResourceAccess;
import xm.acm.SecurityPolicy;
import xm.diag.XmException;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.ResourceLabels;
import xm.hypervisor.SecurityLabel;
import xm.hypervisor.VifSpec;

/**
 * What a host's access-control decisions read (its active policy and the global resource label
 * store) and the checks it makes with them, by the pure decisions of {@code xm.acm}: a domain's
 * label when it is about to run, and its disks and VLANs at boot and at attach (with no policy
 * active, a labeled resource is refused). The resource labels are read once per check, and not at
 * all for a domain without devices.
 */
record AccessControl(Optional<SecurityPolicy> policy, ResourceLabels resources) {
  static AccessControl of(SimHost host) {
    return new AccessControl(AcmFiles.active(host.store()), new ResourceLabels(host.hosts().home()));
  }

  /** Fails unless {@code config} may run now beside the other domains of {@code state}, with all its devices. */
  void requireMayRun(SimState state, SimDomain self, DomainConfig config) {
    LabelCheck.requireMayRun(policy, state, self, config.securityLabel());
    if (config.disks().isEmpty() && config.vifs().isEmpty()) {
      return;
    }
    Map<String, ResourceLabels.Entry> held = resources.read();
    for (DiskSpec disk : config.disks()) {
      requireMayUse(held, config.securityLabel(), disk);
    }
    for (VifSpec vif : config.vifs()) {
      requireMayUse(held, config.securityLabel(), vif);
    }
  }

  /** Fails unless a domain labeled {@code label} (null: unlabeled) may attach {@code disk}. */
  void requireMayAttach(SecurityLabel label, DiskSpec disk) {
    requireMayUse(resources.read(), label, disk);
  }

  /** Fails unless a domain labeled {@code label} (null: unlabeled) may attach {@code vif}. */
  void requireMayAttach(SecurityLabel label, VifSpec vif) {
    requireMayUse(resources.read(), label, vif);
  }

  private void requireMayUse(Map<String, ResourceLabels.Entry> held, SecurityLabel label, DiskSpec disk) {
    if (disk.uname().isEmpty()) {
      return; // an empty CD-ROM drive uses no resource
    }
    check(held, label, ResourceAccess.Kind.BLOCK, disk.uname(), ResourceLabels.canonical(disk.uname()));
  }

  private void requireMayUse(Map<String, ResourceLabels.Entry> held, SecurityLabel label, VifSpec vif) {
    Optional<String> vlan = ResourceLabels.vlanOf(vif.option("bridge"));
    if (vlan.isPresent()) {
      check(held, label, ResourceAccess.Kind.NETWORK, vlan.get(), vlan.get());
    }
  }

  private void check(Map<String, ResourceLabels.Entry> held, SecurityLabel label, ResourceAccess.Kind kind,
      String shown, String resource) {
    ResourceLabels.Entry e = held.get(resource);
    ResourceAccess.Held h = e == null ? null : new ResourceAccess.Held(e.policy(), e.label());
    Optional<String> why = policy.isEmpty() ? ResourceAccess.denyWithoutPolicy(kind, shown, resource, h)
        : ResourceAccess.deny(policy.get(), label == null ? null : label.label(), kind, shown, resource, h);
    if (why.isPresent()) {
      throw XmException.error(why.get());
    }
  }
}
