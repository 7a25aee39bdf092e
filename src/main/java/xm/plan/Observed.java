package xm.plan;

import java.util.List;
import xm.hypervisor.Capabilities;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.HostInfo;

/**
 * What one host reported, or (exists = false) what a declared host that is not there yet would
 * report, as its backend says.
 *
 * @param capabilities what the host's backend changes live and its limits
 * @param nowMs the host's clock when it was observed (holds expire by it)
 */
public record Observed(String host, boolean exists, long totalMemoryMiB, long freeMemoryMiB, int cpus,
    List<DomainInfo> domains, Capabilities capabilities, long nowMs) {

  public Observed {
    domains = List.copyOf(domains);
  }

  public static Observed of(String host, HostInfo info, List<DomainInfo> domains, Capabilities caps, long nowMs) {
    return new Observed(host, true, info.totalMemoryMiB(), info.freeMemoryMiB(), info.nrCpus(), domains, caps, nowMs);
  }

  /** This observation as if the host's clock read {@code nowMs} (a saved plan is planned again at its clock). */
  public Observed at(long nowMs) {
    return new Observed(host, exists, totalMemoryMiB, freeMemoryMiB, cpus, domains, capabilities, nowMs);
  }

  /** A host declared by the specs that does not exist yet. */
  public static Observed prospective(String host, HostInfo info, Capabilities caps, long nowMs) {
    return new Observed(host, false, info.totalMemoryMiB(), info.freeMemoryMiB(), info.nrCpus(), List.of(), caps,
        nowMs);
  }
}
