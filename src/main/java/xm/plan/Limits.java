package xm.plan;

import java.util.List;
import java.util.Map;
import xm.diag.Diagnostic;
import xm.hypervisor.Capabilities;
import xm.hypervisor.DomainLimits;
import xm.spec.DomainSpec;

/** The limits a backend declares, checked before any operation is planned. */
final class Limits {
  private Limits() {}

  /** Whether {@code d} fits the backend's per-domain limits; adds an error when not. */
  static boolean check(DomainSpec d, Capabilities caps, List<Diagnostic> problems) {
    boolean ok = true;
    if (d.config().maxVcpus() > caps.maxVcpusPerDomain()) {
      problems.add(
          Diagnostic.error(
              d.at(d.declares("maxvcpus") ? "maxvcpus" : "vcpus"),
              d.name()
                  + " is built with "
                  + d.config().maxVcpus()
                  + " VCPUs but this host allows at most "
                  + caps.maxVcpusPerDomain()
                  + " per domain",
              "lower maxvcpus"));
      ok = false;
    }
    if (d.config().maxmemMiB() > caps.maxMemoryMiB()) {
      problems.add(
          Diagnostic.error(
              d.at(d.declares("maxmem") ? "maxmem" : "memory"),
              d.name()
                  + " asks for up to "
                  + d.config().maxmemMiB()
                  + " MiB but this host allows at most "
                  + caps.maxMemoryMiB()
                  + " MiB per domain",
              "lower maxmem"));
      ok = false;
    }
    // the rest of what the host refuses (lengths of text, numbers of devices), found here so that
    // it is refused with the spec's line before anything changes rather than half-way through apply
    DomainLimits.Violation v = ok ? caps.limits().violation(d.config()) : null;
    if (v != null) {
      problems.add(
          Diagnostic.error(
              d.at(v.field()), d.name() + ": " + v.message(), "change the spec to fit"));
      ok = false;
    }
    return ok;
  }

  /**
   * Online VCPUs within the host's CPUs, where the backend says they must be: checked for what the
   * plan would bring online (creates and vcpu-sets), so a domain that already runs with more VCPUs
   * than that (made by hand, then adopted) does not refuse a plan that leaves it alone.
   */
  static void onlineVcpus(
      List<Change> changes,
      Map<String, DomainSpec> declared,
      Map<String, Observed> hosts,
      List<Diagnostic> problems) {
    for (Change c : changes) {
      for (Op op : c.ops()) {
        int vcpus;
        if (op instanceof Op.Create cr) {
          vcpus = cr.config().vcpus();
        } else if (op instanceof Op.VcpuSet vs) {
          vcpus = vs.vcpus();
        } else {
          continue;
        }
        Observed h = hosts.get(op.host());
        if (h == null
            || h.capabilities() == null
            || !h.capabilities().onlineVcpusWithinHostCpus()
            || vcpus <= h.cpus()) {
          continue;
        }
        DomainSpec d = declared.get(c.domain());
        problems.add(
            Diagnostic.error(
                d == null ? c.where() : d.at("vcpus"),
                c.domain()
                    + " wants "
                    + vcpus
                    + " VCPUs online but host '"
                    + op.host()
                    + "' has "
                    + h.cpus()
                    + " CPUs",
                "lower vcpus or place it on a bigger host"));
        break;
      }
    }
  }
}
