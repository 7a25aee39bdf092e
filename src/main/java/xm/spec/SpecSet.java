package xm.spec;

import java.util.List;

/** Everything a spec source declared: domains (in file order) and hosts. */
public record SpecSet(List<DomainSpec> domains, List<HostDoc> hosts) {
  public SpecSet {
    domains = List.copyOf(domains);
    hosts = List.copyOf(hosts);
  }
}
