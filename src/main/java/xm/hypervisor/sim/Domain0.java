package xm.hypervisor.sim;

import xm.hypervisor.DomainConfig;

/** The privileged domain every Xen host has: id 0, its own share of memory, all CPUs. */
final class Domain0 {
  static final String NAME = "Domain-0";
  static final String UUID = "00000000-0000-0000-0000-000000000000";

  /** What xend reported as Domain-0's maxmem: no limit. */
  static final long MAXMEM_MIB = 16777215L;

  private Domain0() {}

  static SimDomain create(HostSpec spec, long now) {
    SimDomain d = new SimDomain();
    d.setId(0);
    d.setUuid(UUID);
    d.config =
        new DomainConfig(
            NAME,
            UUID,
            "linux",
            null,
            null,
            "",
            spec.dom0MemoryMiB(),
            MAXMEM_MIB,
            spec.nrCpus(),
            spec.nrCpus(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    d.setOnlineVcpus(spec.nrCpus());
    d.sched = xm.hypervisor.Sched.defaults(true);
    d.startMs = now;
    d.runningSinceMs = now;
    return d;
  }
}
