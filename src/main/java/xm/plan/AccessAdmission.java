package xm.plan;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import xm.acm.ChineseWall;
import xm.acm.LabelAccess;
import xm.acm.ResourceAccess;
import xm.acm.SecurityPolicy;
import xm.diag.Diagnostic;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.ResourceLabels;
import xm.hypervisor.SecurityLabel;

/**
 * Policy admission, pure: runs the plan's operations in their order against a model of each host's
 * access control (its active policy, the labels of the domains it has, the resource labels of the
 * fleet) and refuses the plan whole when any step would be refused by the policy then active: a
 * policy load over domains that would lose their label or conflict, a domain whose label the policy
 * does not define or whose types Domain-0 lacks, a Chinese Wall conflict, a disk or VLAN its label
 * may not use. The host makes the same decisions with the same functions; this finds them before
 * anything changes, with the spec's file:line.
 */
final class AccessAdmission {
  private AccessAdmission() {}

  /** One host as the plan goes: its policy and domain name to label (Domain-0 apart). */
  private static final class HostModel {
    Optional<SecurityPolicy> policy;

    /** Whether the host enforces access control at all. */
    final boolean enforces;

    final Map<String, SecurityLabel> labels = new TreeMap<>();

    /** The devices each domain there uses (its config as it runs, or as created). */
    final Map<String, DomainConfig> configs = new TreeMap<>();

    HostModel(Observed o) {
      policy = o.access().policy();
      enforces = o.capabilities() == null || o.capabilities().accessControl();
      for (DomainInfo d : o.domains()) {
        if (!d.isDomain0()) {
          labels.put(d.name(), d.config().securityLabel());
          configs.put(d.name(), d.config());
        }
      }
    }

    /**
     * Label names of the domains there but {@code self}, Domain-0 holding the bootstrap label (as
     * the host counts them).
     */
    Map<String, String> running(String self, SecurityPolicy p) {
      Map<String, String> out = new TreeMap<>();
      out.put("Domain-0", p.bootstrap());
      labels.forEach(
          (name, l) -> {
            if (!name.equals(self) && l != null) {
              out.put(name, l.label());
            }
          });
      return out;
    }
  }

  static void check(
      List<Change> ordered,
      List<Observed> observed,
      Map<String, ResourceLabels.Entry> held,
      Map<String, DomainConfig> configs,
      Map<String, xm.diag.Location> declaredAt,
      List<Diagnostic> problems) {
    Map<String, HostModel> hosts = new HashMap<>();
    for (Observed o : observed) {
      hosts.put(o.host(), new HostModel(o));
    }
    Map<String, ResourceAccess.Held> resources = new LinkedHashMap<>();
    held.forEach((r, e) -> resources.put(r, new ResourceAccess.Held(e.policy(), e.label())));
    for (Change c : ordered) {
      for (Op op : c.ops()) {
        if (op instanceof Op.LabelResource l) {
          resources.put(l.resource(), new ResourceAccess.Held(l.policy(), l.label()));
        }
      }
    }
    for (Change c : ordered) {
      for (Op op : c.ops()) {
        HostModel h = hosts.get(op.host());
        if (h == null) {
          continue; // a host the plan makes: CreateHost came first, but nothing was observed; it
          // starts empty
        }
        Optional<String> why = step(op, h, hosts, resources, configs, declaredAt);
        if (why.isPresent()) {
          problems.add(
              Diagnostic.error(
                  c.where(),
                  "policy admission: " + why.get(),
                  "change the labels or the policy in the specs so that every step is permitted; nothing was changed"));
          return; // later steps build on this one
        }
      }
    }
  }

  private static Optional<String> step(
      Op op,
      HostModel h,
      Map<String, HostModel> hosts,
      Map<String, ResourceAccess.Held> resources,
      Map<String, DomainConfig> configs,
      Map<String, xm.diag.Location> declaredAt) {
    if (op instanceof Op.Stop s) {
      h.labels.remove(s.domain());
      h.configs.remove(s.domain());
    } else if (op instanceof Op.LabelResource lr) {
      return inUse(lr, hosts, resources);
    } else if (op instanceof Op.LoadPolicy l && !h.enforces) {
      return Optional.of(
          "host '"
              + l.host()
              + "' cannot enforce access control (its backend has no ACM yet), so policy "
              + l.policy().name()
              + " cannot be loaded there; place the labeled domains on a host that enforces it");
    } else if (op instanceof Op.LoadPolicy l) {
      Map<String, ResourceAccess.Held> running = new TreeMap<>();
      h.labels.forEach(
          (name, label) -> {
            if (label != null) {
              running.put(name, new ResourceAccess.Held(label.policy(), label.label()));
            }
          });
      Optional<String> why = xm.acm.PolicyUpdate.denyLoad(h.policy, l.policy(), running);
      if (why.isPresent()) {
        return Optional.of(
            "loading policy " + l.policy().name() + " on host '" + l.host() + "': " + why.get());
      }
      Map<String, ResourceAccess.Held> renamed =
          xm.acm.PolicyUpdate.relabelResources(l.policy(), resources);
      resources.clear();
      resources.putAll(renamed);
      why = devicesUnder(l, h, resources);
      if (why.isPresent()) {
        return why;
      }
      h.policy = Optional.of(l.policy());
      h.labels.replaceAll(
          (name, label) ->
              label == null || !l.policy().relabels(label.policy())
                  ? label
                  : ChineseWall.renamed(l.policy(), label.label())
                      .map(v -> new SecurityLabel(l.policy().name(), v.name()))
                      .orElse(label)); // the host renames labels an update renames (Name from=,
      // FromPolicy)
    } else if (op instanceof Op.Create cr && !h.enforces && cr.config().securityLabel() != null) {
      return Optional.of(
          cr.domain()
              + " on host '"
              + cr.host()
              + "' is labeled "
              + cr.config().securityLabel()
              + ", but the host cannot enforce access control (its backend has no ACM yet); remove the label or place it"
              + " on a host that enforces it");
    } else if (op instanceof Op.Create cr) {
      Optional<String> why = mayRun(cr.config(), h, resources, cr.host(), declaredAt);
      if (why.isPresent()) {
        return why;
      }
      h.labels.put(cr.domain(), cr.config().securityLabel());
      h.configs.put(cr.domain(), cr.config());
    } else if (op instanceof Op.Migrate m) {
      SecurityLabel label = h.labels.remove(m.domain());
      DomainConfig moving = h.configs.remove(m.domain());
      HostModel to = hosts.get(m.target());
      DomainConfig c = configs.get(m.domain());
      if (to != null && c != null) {
        Optional<String> why = mayRun(c, to, resources, m.target(), declaredAt);
        if (why.isPresent()) {
          return why;
        }
        to.labels.put(m.domain(), label);
        to.configs.put(m.domain(), moving != null ? moving : c);
      }
    } else if (op instanceof Op.AttachDisk a) {
      return firstDenied(
              h.policy.orElse(null),
              h.labels.get(a.domain()),
              ResourceLabels.uses(List.of(a.disk()), List.of()),
              resources)
          .map(why -> a.domain() + " on host '" + a.host() + "': " + why);
    } else if (op instanceof Op.AttachVif a) {
      return firstDenied(
              h.policy.orElse(null),
              h.labels.get(a.domain()),
              ResourceLabels.uses(List.of(), List.of(a.vif())),
              resources)
          .map(why -> a.domain() + " on host '" + a.host() + "': " + why);
    }
    return Optional.empty();
  }

  /**
   * A resource relabeled while a domain uses it: refused when that domain would be denied it then
   * (the resource map already holds the plan's labels).
   */
  private static Optional<String> inUse(
      Op.LabelResource lr,
      Map<String, HostModel> hosts,
      Map<String, ResourceAccess.Held> resources) {
    for (Map.Entry<String, HostModel> e : new TreeMap<>(hosts).entrySet()) {
      HostModel h = e.getValue();
      for (Map.Entry<String, DomainConfig> d : h.configs.entrySet()) {
        for (ResourceAccess.Use use : ResourceLabels.uses(d.getValue())) {
          if (lr.resource().equals(use.canonical())) {
            Optional<String> why =
                deny(h.policy.orElse(null), h.labels.get(d.getKey()), use, resources);
            if (why.isPresent()) {
              return Optional.of(
                  "labeling "
                      + lr.resource()
                      + " "
                      + lr.label()
                      + ": it is in use by "
                      + d.getKey()
                      + " on host '"
                      + e.getKey()
                      + "', which would be denied it: "
                      + why.get());
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A policy load that would take a device from a domain using it (its label renamed as the load
   * renames it).
   */
  private static Optional<String> devicesUnder(
      Op.LoadPolicy l, HostModel h, Map<String, ResourceAccess.Held> resources) {
    for (Map.Entry<String, DomainConfig> d : h.configs.entrySet()) {
      SecurityLabel label = h.labels.get(d.getKey());
      SecurityLabel after =
          label == null || !l.policy().relabels(label.policy())
              ? label
              : ChineseWall.renamed(l.policy(), label.label())
                  .map(v -> new SecurityLabel(l.policy().name(), v.name()))
                  .orElse(label);
      for (ResourceAccess.Use use : ResourceLabels.uses(d.getValue())) {
        Optional<String> why = deny(l.policy(), after, use, resources);
        if (why.isPresent()) {
          return Optional.of(
              "loading policy "
                  + l.policy().name()
                  + " on host '"
                  + l.host()
                  + "': running domain "
                  + d.getKey()
                  + " would lose its "
                  + use.kind().noun()
                  + " "
                  + use.shown()
                  + ": "
                  + why.get());
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> mayRun(
      DomainConfig c,
      HostModel h,
      Map<String, ResourceAccess.Held> resources,
      String host,
      Map<String, xm.diag.Location> declaredAt) {
    SecurityLabel label = c.securityLabel();
    String on = c.name() + " on host '" + host + "'";
    Optional<String> why =
        LabelAccess.denyRun(
            h.policy, label == null ? null : label.policy(), label == null ? null : label.label());
    if (why.isPresent()) {
      return Optional.of(on + ": " + why.get());
    }
    SecurityPolicy p = h.policy.orElse(null);
    if (label != null && p != null) {
      Optional<ChineseWall.Denial> wall =
          ChineseWall.denyStartAgainst(p, label.label(), h.running(c.name(), p));
      if (wall.isPresent()) {
        xm.diag.Location other = wall.get().against().map(declaredAt::get).orElse(null);
        return Optional.of(
            on
                + ": "
                + wall.get().message()
                + (other == null
                    ? ""
                    : " (" + wall.get().against().get() + " is declared at " + other + ")"));
      }
    }
    return firstDenied(p, label, ResourceLabels.uses(c), resources).map(w -> on + ": " + w);
  }

  /**
   * The first of {@code uses} a domain labeled {@code label} may not use under {@code p} (null: no
   * policy).
   */
  private static Optional<String> firstDenied(
      SecurityPolicy p,
      SecurityLabel label,
      List<ResourceAccess.Use> uses,
      Map<String, ResourceAccess.Held> resources) {
    for (ResourceAccess.Use u : uses) {
      Optional<String> why = deny(p, label, u, resources);
      if (why.isPresent()) {
        return why;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> deny(
      SecurityPolicy p,
      SecurityLabel label,
      ResourceAccess.Use u,
      Map<String, ResourceAccess.Held> resources) {
    return ResourceAccess.decide(
        Optional.ofNullable(p),
        label == null ? null : label.label(),
        u.kind(),
        u.shown(),
        u.canonical(),
        resources.get(u.canonical()));
  }
}
