package xm.spec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks across access-control documents, as the spec loader checks domains against each other:
 * each policy and each resource label declared once; a host listed by one policy only; labels (of
 * domains and of resources) that a policy declared in these specs defines, of the right kind. A
 * label of a policy these specs do not declare is left to the host's active policy at plan time.
 */
final class AccessDocs {
  private AccessDocs() {}

  static void crossCheck(
      List<DomainSpec> domains,
      List<PolicyDoc> policies,
      List<ResourceLabelDoc> resources,
      List<String> problems) {
    Map<String, PolicyDoc> byName = new HashMap<>();
    Map<String, PolicyDoc> byHost = new HashMap<>();
    for (PolicyDoc p : policies) {
      PolicyDoc first = byName.putIfAbsent(p.policy().name(), p);
      if (first != null) {
        problems.add(
            p.location()
                + ": policy '"
                + p.policy().name()
                + "' is declared twice (first at "
                + first.location()
                + "); keep one kind: SecurityPolicy document per policy");
      }
      for (String h : p.hosts()) {
        PolicyDoc other = byHost.putIfAbsent(h, p);
        if (other != null && other != p) {
          problems.add(
              p.location()
                  + ": host '"
                  + h
                  + "' is given policy "
                  + p.policy().name()
                  + " here and "
                  + other.policy().name()
                  + " at "
                  + other.location()
                  + "; a host has one active policy");
        }
      }
    }
    Map<String, ResourceLabelDoc> byResource = new HashMap<>();
    for (ResourceLabelDoc r : resources) {
      ResourceLabelDoc first = byResource.putIfAbsent(r.resource(), r);
      if (first != null) {
        problems.add(
            r.location()
                + ": resource '"
                + r.resource()
                + "' is labeled twice (first at "
                + first.location()
                + "); a resource holds one label");
      }
      PolicyDoc p = byName.get(r.policy());
      if (p != null && p.policy().resourceLabel(r.label()).isEmpty()) {
        problems.add(
            r.location()
                + ": policy "
                + r.policy()
                + " has no resource label '"
                + r.label()
                + "'"
                + known(p.policy().resourceLabels().stream().map(l -> l.name()).toList()));
      }
    }
    for (DomainSpec d : domains) {
      var label = d.config().securityLabel();
      PolicyDoc p = label == null ? null : byName.get(label.policy());
      if (p != null && p.policy().vmLabel(label.label()).isEmpty()) {
        problems.add(
            d.at("security")
                + ": policy "
                + label.policy()
                + " has no VM label '"
                + label.label()
                + "'"
                + known(p.policy().vmLabels().stream().map(l -> l.name()).toList()));
      }
    }
  }

  private static String known(List<String> names) {
    return names.isEmpty() ? "" : " (it has " + String.join(", ", names) + ")";
  }
}
