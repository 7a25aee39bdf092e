package xm.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import xm.acm.SecurityPolicy;
import xm.diag.Diagnostic;
import xm.diag.Location;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.ResourceLabels;
import xm.spec.DomainSpec;
import xm.spec.PolicyDoc;
import xm.spec.ResourceLabelDoc;
import xm.spec.SpecSet;

/**
 * The access-control changes of a plan, pure: which policy each host is to have active (from kind:
 * SecurityPolicy documents) and which resources are to hold which label (kind: ResourceLabel), as
 * LOAD_POLICY and LABEL_RESOURCES changes in the ACCESS phase. What the specs do not declare is
 * left as it is: no policy is unloaded and no resource label removed.
 *
 * <p>A policy document listing {@code metadata.hosts} is for those hosts. One without goes to the
 * hosts in play (those the planned domains are placed on, and declared hosts) whose domains hold
 * its labels; when it is the only such document, to every host in play.
 */
final class AccessPlan {
  private AccessPlan() {}

  /**
   * The policy document each host is to have, by host name. A host given a policy by {@code
   * metadata.hosts} may run only domains of that policy (or one it updates); a host with domains of
   * two declared policies, or of a policy whose {@code metadata.hosts} leaves it out, is a problem;
   * a declared policy that goes to no host is a warning.
   */
  static Map<String, PolicyDoc> wanted(
      SpecSet specs,
      Set<String> hostsInPlay,
      Map<String, String> hostOf,
      boolean targeted,
      List<Diagnostic> problems,
      List<Diagnostic> warnings) {
    Map<String, PolicyDoc> out = new TreeMap<>();
    Map<String, PolicyDoc> byName = new LinkedHashMap<>();
    List<PolicyDoc> floating = new ArrayList<>();
    for (PolicyDoc p : specs.policies()) {
      byName.put(p.policy().name(), p);
      if (p.hosts().isEmpty()) {
        floating.add(p);
      }
      for (String h : p.hosts()) {
        if (!targeted || hostsInPlay.contains(h)) {
          out.put(h, p);
        }
      }
    }
    for (String h : hostsInPlay) {
      // the declared policies the domains placed on h hold labels of, with the first such domain
      Map<PolicyDoc, DomainSpec> used = new LinkedHashMap<>();
      for (DomainSpec d : specs.domains()) {
        var label = d.config().securityLabel();
        if (label != null && h.equals(hostOf.get(d.name())) && byName.containsKey(label.policy())) {
          used.putIfAbsent(byName.get(label.policy()), d);
        }
      }
      PolicyDoc given = out.get(h);
      if (given != null) {
        for (Map.Entry<PolicyDoc, DomainSpec> u : used.entrySet()) {
          if (!given.policy().relabels(u.getKey().policy().name())) {
            problems.add(
                Diagnostic.error(
                    u.getValue().at("security"),
                    "domain '"
                        + u.getValue().name()
                        + "' on host '"
                        + h
                        + "' is labeled for policy "
                        + u.getKey().policy().name()
                        + ", but host '"
                        + h
                        + "' is given policy "
                        + given.policy().name()
                        + " (metadata.hosts at "
                        + given.location()
                        + ")",
                    "a host has one active policy: place the domain on another host, or change the policy's metadata.hosts"));
          }
        }
        continue;
      }
      for (Map.Entry<PolicyDoc, DomainSpec> u : used.entrySet()) {
        if (!u.getKey().hosts().isEmpty()) {
          problems.add(
              Diagnostic.error(
                  u.getValue().at("security"),
                  "domain '"
                      + u.getValue().name()
                      + "' on host '"
                      + h
                      + "' is labeled for policy "
                      + u.getKey().policy().name()
                      + ", whose metadata.hosts does not list '"
                      + h
                      + "'",
                  "add '"
                      + h
                      + "' to its metadata.hosts, or place the domain on one of its hosts"));
        }
      }
      List<PolicyDoc> candidates = used.keySet().stream().filter(p -> p.hosts().isEmpty()).toList();
      if (candidates.size() > 1) {
        problems.add(
            Diagnostic.error(
                candidates.get(1).location(),
                "host '"
                    + h
                    + "' would need two active policies, "
                    + candidates.get(0).policy().name()
                    + " and "
                    + candidates.get(1).policy().name()
                    + ", for the labels of its domains",
                "a host has one active policy: place those domains on different hosts, or list the hosts of each policy"
                    + " under metadata.hosts"));
      } else if (candidates.size() == 1) {
        out.put(h, candidates.get(0));
      } else if (floating.size() == 1 && used.isEmpty()) {
        out.put(h, floating.get(0));
      }
    }
    for (PolicyDoc p : specs.policies()) {
      if (!targeted && !out.containsValue(p)) {
        warnings.add(
            Diagnostic.warning(
                p.location(),
                "policy "
                    + p.policy().name()
                    + " goes to no host: no domain of"
                    + " these specs holds its labels"
                    + (floating.size() > 1 ? " and other policies are declared too" : ""),
                "list its hosts under metadata.hosts, or label a domain with it"));
      }
    }
    return out;
  }

  /** A LOAD_POLICY change for each host whose active policy is not the one it is to have. */
  static List<Change> loads(
      Map<String, PolicyDoc> wanted, Map<String, Observed> hosts, List<Diagnostic> problems) {
    List<Change> out = new ArrayList<>();
    for (Map.Entry<String, PolicyDoc> w : wanted.entrySet()) {
      Observed h = hosts.get(w.getKey());
      SecurityPolicy p = w.getValue().policy();
      if (h == null) {
        problems.add(
            Diagnostic.error(
                w.getValue().location(),
                "policy " + p.name() + " is for host '" + w.getKey() + "', which does not exist",
                "declare it with a kind: Host document or make it with 'xm host init "
                    + w.getKey()
                    + "'"));
        continue;
      }
      Optional<SecurityPolicy> active = h.access().policy();
      if (active.isPresent() && active.get().equals(p)) {
        continue;
      }
      String before = active.map(a -> a.name() + " " + a.version()).orElse("(none)");
      String why =
          active.isEmpty()
              ? "the host has no active policy"
              : active.get().name().equals(p.name())
                  ? "the declared policy differs from the active one"
                  : "the host's active policy is " + active.get().name();
      out.add(
          new Change(
              w.getKey(),
              "",
              Action.LOAD_POLICY,
              List.of(
                  new FieldChange(
                      "policy",
                      before,
                      p.name() + " " + p.version(),
                      "loadpolicy",
                      true,
                      w.getValue().location())),
              List.of(new Op.LoadPolicy(w.getKey(), p)),
              List.of(),
              List.of(),
              why,
              -1,
              w.getValue().location()));
    }
    return out;
  }

  /**
   * One LABEL_RESOURCES change (run through {@code labelHost}) for the declared resource labels the
   * hosts do not hold yet; with targets, only those of the targeted domains' resources.
   */
  static Optional<Change> labels(
      SpecSet specs,
      List<Observed> observed,
      Map<String, ResourceLabels.Entry> held,
      String labelHost,
      Set<String> targetedResources,
      List<Diagnostic> problems) {
    List<FieldChange> fields = new ArrayList<>();
    List<Op> ops = new ArrayList<>();
    Location first = null;
    Set<String> known = new java.util.HashSet<>();
    specs.policies().forEach(p -> known.add(p.policy().name()));
    observed.forEach(h -> h.access().policy().ifPresent(p -> known.add(p.name())));
    for (ResourceLabelDoc r : specs.resourceLabels()) {
      if (targetedResources != null && !targetedResources.contains(r.resource())) {
        continue;
      }
      if (!known.contains(r.policy())) {
        problems.add(
            Diagnostic.error(
                r.location(),
                "policy "
                    + r.policy()
                    + " of the label of "
                    + r.resource()
                    + " is neither declared in these specs nor active on a host",
                "declare it with a kind: SecurityPolicy document,"
                    + " or correct the policy's name"));
        continue;
      }
      ResourceLabels.Entry now = held.get(r.resource());
      if (now != null && now.policy().equals(r.policy()) && now.label().equals(r.label())) {
        continue;
      }
      fields.add(
          new FieldChange(
              r.resource(),
              now == null ? "(none)" : now.toString(),
              "ACM:" + r.policy() + ":" + r.label(),
              "addlabel",
              true,
              r.location()));
      ops.add(new Op.LabelResource(labelHost, r.resource(), r.policy(), r.label()));
      first = first == null ? r.location() : first;
    }
    if (ops.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Change(
            labelHost,
            "",
            Action.LABEL_RESOURCES,
            fields,
            ops,
            List.of(),
            List.of(),
            ops.size() == 1
                ? "declared by a kind: ResourceLabel document"
                : "declared by kind: ResourceLabel documents",
            -1,
            first));
  }

  /** The resource labels of every observed host together (the embedded hosts share one store). */
  static Map<String, ResourceLabels.Entry> held(List<Observed> observed) {
    Map<String, ResourceLabels.Entry> out = new LinkedHashMap<>();
    for (Observed h : observed) {
      h.access().resources().forEach(out::putIfAbsent);
    }
    return out;
  }

  /** The canonical resources (disks and VLANs) a domain's config uses. */
  static List<String> resourcesOf(DomainConfig c) {
    return ResourceLabels.uses(c).stream().map(u -> u.canonical()).toList();
  }
}
