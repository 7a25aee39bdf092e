package xm.spec;

import java.util.List;

/** Everything a spec source declared: domains (in file order), hosts and security policies. */
public record SpecSet(List<DomainSpec> domains, List<HostDoc> hosts, List<PolicyDoc> policies) {
  public SpecSet {
    domains = List.copyOf(domains);
    hosts = List.copyOf(hosts);
    policies = List.copyOf(policies);
  }

  public SpecSet(List<DomainSpec> domains, List<HostDoc> hosts) {
    this(domains, hosts, List.of());
  }
}
