package xm.plan;

import java.util.List;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.HostInfo;

/** What one host reported, or (exists = false) a declared host that is not there yet. */
public record Observed(String host, boolean exists, long totalMemoryMiB, long freeMemoryMiB, int cpus,
    List<DomainInfo> domains) {

  public Observed {
    domains = List.copyOf(domains);
  }

  public static Observed of(String host, HostInfo info, List<DomainInfo> domains) {
    return new Observed(host, true, info.totalMemoryMiB(), info.freeMemoryMiB(), info.nrCpus(), domains);
  }
}
