package xm.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;
import xm.diag.Diagnostic;
import xm.hypervisor.Capabilities;
import xm.spec.DesiredState;
import xm.spec.DomainSpec;
import xm.spec.SpecSet;

/** The limits a backend declares, checked before any operation is planned. */
final class Limits {
  private Limits() {}

  /** Whether {@code d} fits the backend's per-domain limits; adds an error when not. */
  static boolean check(DomainSpec d, Capabilities caps, List<Diagnostic> problems) {
    boolean ok = true;
    if (d.config().maxVcpus() > caps.maxVcpusPerDomain()) {
      problems.add(Diagnostic.error(d.at(d.declares("maxvcpus") ? "maxvcpus" : "vcpus"), d.name() + " is built with "
          + d.config().maxVcpus() + " VCPUs but this host allows at most " + caps.maxVcpusPerDomain() + " per domain",
          "lower maxvcpus"));
      ok = false;
    }
    if (d.config().maxmemMiB() > caps.maxMemoryMiB()) {
      problems.add(Diagnostic.error(d.at(d.declares("maxmem") ? "maxmem" : "memory"), d.name() + " asks for up to "
          + d.config().maxmemMiB() + " MiB but this host allows at most " + caps.maxMemoryMiB() + " MiB per domain",
          "lower maxmem"));
      ok = false;
    }
    return ok;
  }

  /** Online VCPUs within the host's CPUs, where the backend says they must be. */
  static void onlineVcpus(SpecSet specs, Set<String> planned, Map<String, Observed> hosts, PlanOptions o,
      List<Diagnostic> problems) {
    for (DomainSpec d : specs.domains()) {
      String host = d.host() != null ? d.host() : o.defaultHost();
      Observed h = hosts.get(host);
      if (!planned.contains(d.name()) || h == null || !h.capabilities().onlineVcpusWithinHostCpus()
          || d.state() == DesiredState.STOPPED) {
        continue;
      }
      if (d.config().vcpus() > h.cpus()) {
        problems.add(Diagnostic.error(d.at("vcpus"), d.name() + " wants " + d.config().vcpus()
            + " VCPUs online but host '" + host + "' has " + h.cpus() + " CPUs", "lower vcpus or place it on a bigger host"));
      }
    }
  }
}
