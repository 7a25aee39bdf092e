package xm.hypervisor.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import xm.hypervisor.Capabilities;
import xm.hypervisor.Capabilities.FieldMode;

/** What the simulated Xen 3.4 host changes live, what needs a rebuild, and its limits. */
final class SimCapabilities {
  /** xend's limit on a domain's memory figures, in MiB (4 TiB of KiB pages as xend counted). */
  static final long MAX_MEMORY_MIB = 4_294_967_296L;

  static final Capabilities CAPABILITIES = new Capabilities(fields(), Admission.MAX_VCPUS, MAX_MEMORY_MIB, true);

  private SimCapabilities() {}

  private static Map<String, FieldMode> fields() {
    Map<String, FieldMode> m = new LinkedHashMap<>();
    for (String live : new String[] {"memory", "maxmem", "vcpus", "state", "disks", "vifs", "host"}) {
      m.put(live, FieldMode.LIVE);
    }
    for (String restart : new String[] {"builder", "kernel", "ramdisk", "cmdline", "maxvcpus", "cpus", "onPoweroff",
        "onReboot", "onCrash", "security", "vtpms", "extras"}) {
      m.put(restart, FieldMode.RESTART);
    }
    return m;
  }
}
