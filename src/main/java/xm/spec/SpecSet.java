package xm.spec;

import java.util.List;

/**
 * Everything a spec source declared: domains (in file order), hosts, security policies and resource
 * labels.
 */
public record SpecSet(
    List<DomainSpec> domains,
    List<HostDoc> hosts,
    List<PolicyDoc> policies,
    List<ResourceLabelDoc> resourceLabels) {
  public SpecSet {
    domains = List.copyOf(domains);
    hosts = List.copyOf(hosts);
    policies = List.copyOf(policies);
    resourceLabels = List.copyOf(resourceLabels);
  }

  public SpecSet(List<DomainSpec> domains, List<HostDoc> hosts, List<PolicyDoc> policies) {
    this(domains, hosts, policies, List.of());
  }

  public SpecSet(List<DomainSpec> domains, List<HostDoc> hosts) {
    this(domains, hosts, List.of());
  }
}
