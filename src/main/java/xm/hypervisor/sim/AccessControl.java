package xm.hypervisor.sim;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import xm.acm.ChineseWall;
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
 * label when it is about to run, its disks and VLANs at boot and at attach (with no policy active,
 * a labeled resource is refused), and the devices of the domains already running when a policy is
 * loaded or a resource is relabeled. A {@code file:} resource is found by its name and by its real
 * path, so a symbolic link reaches the label of the image it names. The resource labels are read
 * once per check, and not at all for a domain without devices.
 */
record AccessControl(Optional<SecurityPolicy> policy, ResourceLabels resources) {
  static AccessControl of(SimHost host) {
    return new AccessControl(
        AcmFiles.active(host.store()), new ResourceLabels(host.hosts().home()));
  }

  /**
   * Fails unless {@code config} may run now beside the other domains of {@code state}, with all its
   * devices.
   */
  void requireMayRun(SimState state, SimDomain self, DomainConfig config) {
    LabelCheck.requireMayRun(policy, state, self, config.securityLabel());
    List<ResourceAccess.Use> uses = ResourceLabels.uses(config);
    if (!uses.isEmpty()) {
      Map<String, ResourceLabels.Entry> held = resources.read();
      for (ResourceAccess.Use u : uses) {
        deny(policy, held, config.securityLabel(), u)
            .ifPresent(
                why -> {
                  throw XmException.error(why);
                });
      }
    }
  }

  /** Fails unless a domain labeled {@code label} (null: unlabeled) may attach {@code disk}. */
  void requireMayAttach(SecurityLabel label, DiskSpec disk) {
    requireMayUse(label, ResourceLabels.uses(List.of(disk), List.of()));
  }

  /** Fails unless a domain labeled {@code label} (null: unlabeled) may attach {@code vif}. */
  void requireMayAttach(SecurityLabel label, VifSpec vif) {
    requireMayUse(label, ResourceLabels.uses(List.of(), List.of(vif)));
  }

  private void requireMayUse(SecurityLabel label, List<ResourceAccess.Use> uses) {
    if (!uses.isEmpty()) {
      Map<String, ResourceLabels.Entry> held = resources.read();
      for (ResourceAccess.Use u : uses) {
        deny(policy, held, label, u)
            .ifPresent(
                why -> {
                  throw XmException.error(why);
                });
      }
    }
  }

  /**
   * Why loading {@code next} would take a device from a domain of {@code state} that uses it now
   * (its label renamed as the load renames it); empty if none would lose one.
   */
  Optional<String> denyDevicesUnder(SecurityPolicy next, SimState state) {
    Map<String, ResourceLabels.Entry> held = null;
    for (SimDomain d : state.domains) {
      List<ResourceAccess.Use> uses =
          d.isDomain0() || !d.isActive() ? List.of() : ResourceLabels.uses(d.config);
      if (uses.isEmpty()) {
        continue;
      }
      held = held != null ? held : renamedFor(next, resources.read());
      SecurityLabel l = d.config.securityLabel();
      SecurityLabel after =
          l == null || !next.relabels(l.policy())
              ? l
              : ChineseWall.renamed(next, l.label())
                  .map(v -> new SecurityLabel(next.name(), v.name()))
                  .orElse(l);
      for (ResourceAccess.Use u : uses) {
        Optional<String> why = deny(Optional.of(next), held, after, u);
        if (why.isPresent()) {
          return Optional.of(
              "running domain "
                  + d.config.name()
                  + " would lose its "
                  + u.kind().noun()
                  + " "
                  + u.shown()
                  + ": "
                  + why.get());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The resource labels as they are once {@code next} is loaded (see {@link
   * xm.acm.PolicyUpdate#relabelResources}).
   */
  static Map<String, ResourceLabels.Entry> renamedFor(
      SecurityPolicy next, Map<String, ResourceLabels.Entry> held) {
    Map<String, ResourceAccess.Held> h = new java.util.LinkedHashMap<>();
    held.forEach((r, e) -> h.put(r, new ResourceAccess.Held(e.policy(), e.label())));
    Map<String, ResourceLabels.Entry> out = new java.util.TreeMap<>();
    xm.acm.PolicyUpdate.relabelResources(next, h)
        .forEach((r, x) -> out.put(r, new ResourceLabels.Entry(r, x.policy(), x.label())));
    return out;
  }

  /**
   * The decision for one use, the resource's label found by its name or, for a file, its real path.
   */
  static Optional<String> deny(
      Optional<SecurityPolicy> policy,
      Map<String, ResourceLabels.Entry> held,
      SecurityLabel label,
      ResourceAccess.Use u) {
    ResourceLabels.Entry e = held(held, u.canonical());
    ResourceAccess.Held h = e == null ? null : new ResourceAccess.Held(e.policy(), e.label());
    return ResourceAccess.decide(
        policy, label == null ? null : label.label(), u.kind(), u.shown(), u.canonical(), h);
  }

  /** The label of {@code canonical}: by that name, else by the real path of the file it names. */
  static ResourceLabels.Entry held(Map<String, ResourceLabels.Entry> held, String canonical) {
    ResourceLabels.Entry e = held.get(canonical);
    if (e == null && canonical.startsWith("file:")) {
      String real = realPath(canonical.substring("file:".length()));
      e = real == null ? null : held.get("file:" + real);
    }
    return e;
  }

  static String realPath(String path) {
    return ResourceLabels.realPath(path);
  }
}
