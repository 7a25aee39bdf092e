package xm.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import xm.acm.SecurityPolicy;
import xm.hypervisor.Capabilities;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.HostInfo;
import xm.hypervisor.ResourceLabels;

/**
 * What one host reported, or (exists = false) what a declared host that is not there yet would
 * report, as its backend says.
 *
 * @param capabilities what the host's backend changes live and its limits
 * @param nowMs the host's clock when it was observed (holds expire by it)
 * @param access its active policy and the resource labels its decisions read
 */
public record Observed(
    String host,
    boolean exists,
    long totalMemoryMiB,
    long freeMemoryMiB,
    int cpus,
    List<DomainInfo> domains,
    Capabilities capabilities,
    long nowMs,
    Access access) {

  /**
   * A host's access control as observed: its active policy (empty: none) and resource labels by
   * canonical name.
   */
  public record Access(
      Optional<SecurityPolicy> policy, Map<String, ResourceLabels.Entry> resources) {
    public static final Access NONE = new Access(Optional.empty(), Map.of());

    public Access {
      resources = Map.copyOf(resources);
    }
  }

  public Observed {
    domains = List.copyOf(domains);
  }

  public Observed(
      String host,
      boolean exists,
      long totalMemoryMiB,
      long freeMemoryMiB,
      int cpus,
      List<DomainInfo> domains,
      Capabilities capabilities,
      long nowMs) {
    this(
        host,
        exists,
        totalMemoryMiB,
        freeMemoryMiB,
        cpus,
        domains,
        capabilities,
        nowMs,
        Access.NONE);
  }

  public static Observed of(
      String host, HostInfo info, List<DomainInfo> domains, Capabilities caps, long nowMs) {
    return of(host, info, domains, caps, nowMs, Access.NONE);
  }

  public static Observed of(
      String host,
      HostInfo info,
      List<DomainInfo> domains,
      Capabilities caps,
      long nowMs,
      Access access) {
    return new Observed(
        host,
        true,
        info.totalMemoryMiB(),
        info.freeMemoryMiB(),
        info.nrCpus(),
        domains,
        caps,
        nowMs,
        access);
  }

  /**
   * This observation as if the host's clock read {@code nowMs} (a saved plan is planned again at
   * its clock).
   */
  public Observed at(long nowMs) {
    return new Observed(
        host, exists, totalMemoryMiB, freeMemoryMiB, cpus, domains, capabilities, nowMs, access);
  }

  /**
   * A host declared by the specs that does not exist yet (no policy; the resource labels the fleet
   * shares).
   */
  public static Observed prospective(String host, HostInfo info, Capabilities caps, long nowMs) {
    return new Observed(
        host,
        false,
        info.totalMemoryMiB(),
        info.freeMemoryMiB(),
        info.nrCpus(),
        List.of(),
        caps,
        nowMs);
  }
}
