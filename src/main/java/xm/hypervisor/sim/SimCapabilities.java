package xm.hypervisor.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import xm.hypervisor.Capabilities;
import xm.hypervisor.Capabilities.FieldMode;
import xm.hypervisor.DomainLimits;

/** What the simulated Xen 3.4 host changes live, what needs a rebuild, and its limits. */
final class SimCapabilities {
  /** What a domain may be on this host: Xen 3.4's limits. */
  static final DomainLimits LIMITS = DomainLimits.XEN_3_4;

  static final Capabilities CAPABILITIES = new Capabilities(fields(), LIMITS, true, true);

  private SimCapabilities() {}

  /** The limits {@code d} is held to: Domain-0 is built with every CPU of its host. */
  static DomainLimits limitsOf(SimDomain d, HostSpec spec) {
    return d.isDomain0() ? LIMITS.withMaxVcpus(spec.nrCpus()) : LIMITS;
  }

  private static Map<String, FieldMode> fields() {
    Map<String, FieldMode> m = new LinkedHashMap<>();
    for (String live :
        new String[] {"memory", "maxmem", "vcpus", "state", "disks", "vifs", "host", "sched"}) {
      m.put(live, FieldMode.LIVE);
    }
    for (String restart :
        new String[] {
          "builder",
          "kernel",
          "ramdisk",
          "cmdline",
          "maxvcpus",
          "cpus",
          "onPoweroff",
          "onReboot",
          "onCrash",
          "security",
          "vtpms",
          "extras"
        }) {
      m.put(restart, FieldMode.RESTART);
    }
    return m;
  }
}
