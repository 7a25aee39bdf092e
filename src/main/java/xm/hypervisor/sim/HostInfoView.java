package xm.hypervisor.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import xm.hypervisor.HostInfo;

/** The fields of {@code xm info} for a simulated host, in xm's order. */
final class HostInfoView {
  private HostInfoView() {}

  static HostInfo of(HostSpec spec, Tx t) {
    Map<String, String> f = new LinkedHashMap<>();
    int perNode = spec.nrCpus() / spec.nrNodes();
    f.put("host", spec.name());
    f.put("release", "2.6.18.8-xen");
    f.put("version", "#1 SMP Fri Jan 9 00:00:00 UTC 2009");
    f.put("machine", "x86_64");
    f.put("nr_cpus", Integer.toString(spec.nrCpus()));
    f.put("nr_nodes", Integer.toString(spec.nrNodes()));
    f.put("cores_per_socket", Integer.toString(perNode));
    f.put("threads_per_core", "1");
    f.put("cpu_mhz", Integer.toString(spec.cpuMhz()));
    f.put("hw_caps", "bfebfbff:20100800:00000000:00000940:0000e3bd:00000000:00000001:00000000");
    f.put("virt_caps", "hvm");
    f.put("total_memory", Long.toString(spec.totalMemoryMiB()));
    f.put("free_memory", Long.toString(t.freeMiB()));
    StringBuilder nodeCpu = new StringBuilder();
    StringBuilder nodeMem = new StringBuilder();
    for (int n = 0; n < spec.nrNodes(); n++) {
      int lo = n * perNode;
      int hi = n == spec.nrNodes() - 1 ? spec.nrCpus() - 1 : lo + perNode - 1;
      if (n > 0) {
        nodeCpu.append(' ');
        nodeMem.append(' ');
      }
      nodeCpu.append("node").append(n).append(':').append(lo);
      if (hi > lo) {
        nodeCpu.append('-').append(hi);
      }
      long share = t.freeMiB() / spec.nrNodes();
      nodeMem.append("node").append(n).append(':').append(share);
    }
    f.put("node_to_cpu", nodeCpu.toString());
    f.put("node_to_memory", nodeMem.toString());
    f.put("xen_major", HostSpec.XEN_MAJOR);
    f.put("xen_minor", HostSpec.XEN_MINOR);
    f.put("xen_extra", HostSpec.XEN_EXTRA);
    f.put(
        "xen_caps", "xen-3.0-x86_64 xen-3.0-x86_32p hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64");
    f.put("xen_scheduler", spec.scheduler());
    f.put("xen_pagesize", "4096");
    f.put("platform_params", "virt_start=0xffff800000000000");
    f.put("xen_changeset", "Fri Jan 09 00:00:00 2009 +0000 19000:ceff4bb8a369");
    f.put("cc_compiler", "gcc version 4.3.2 (Debian 4.3.2-1.1)");
    f.put("cc_compile_by", "xm");
    f.put("cc_compile_domain", "simulated");
    f.put("cc_compile_date", "Fri Jan  9 00:00:00 UTC 2009");
    f.put("xend_config_format", "4");
    return new HostInfo(f);
  }
}
