package xm.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.LifecycleAction;
import xm.hypervisor.VifSpec;
import xm.hypervisor.VtpmSpec;

/**
 * Writes a domain as an xmdomain.cfg file that Xen 3.4's own {@code xm create} also reads: VCPUs
 * online below the maximum become {@code vcpus = MAX} plus a {@code vcpu_avail} mask, and the
 * kernel command line is written whole as {@code extra}.
 */
public final class CfgWriter {
  private CfgWriter() {}

  public static String cfg(DomainConfig c, String comment) {
    StringBuilder b = new StringBuilder();
    if (comment != null) {
      b.append("# ").append(comment).append('\n');
    }
    kv(b, "name", c.name());
    if (c.isHvm()) {
      kv(b, "builder", "hvm");
    }
    if (c.kernel() != null) {
      kv(b, "kernel", c.kernel());
    }
    if (c.ramdisk() != null) {
      kv(b, "ramdisk", c.ramdisk());
    }
    if (!c.cmdline().isEmpty()) {
      kv(b, "extra", c.cmdline());
    }
    b.append("memory = ").append(c.memoryMiB()).append('\n');
    if (c.maxmemMiB() != c.memoryMiB()) {
      b.append("maxmem = ").append(c.maxmemMiB()).append('\n');
    }
    b.append("vcpus = ").append(c.maxVcpus()).append('\n');
    if (c.vcpus() != c.maxVcpus()) {
      b.append("vcpu_avail = ").append((1L << c.vcpus()) - 1).append('\n');
    }
    if (c.cpus() != null) {
      kv(b, "cpus", c.cpus());
    }
    if (c.onPoweroff() != LifecycleAction.DESTROY) {
      kv(b, "on_poweroff", c.onPoweroff().text());
    }
    if (c.onReboot() != LifecycleAction.RESTART) {
      kv(b, "on_reboot", c.onReboot().text());
    }
    if (c.onCrash() != LifecycleAction.RESTART) {
      kv(b, "on_crash", c.onCrash().text());
    }
    List<String> disks = new ArrayList<>();
    for (DiskSpec d : c.disks()) {
      disks.add(d.uname() + "," + d.dev() + "," + d.mode() + (d.backendDomain() == 0 ? "" : "," + d.backendDomain()));
    }
    list(b, "disk", disks);
    List<String> vifs = new ArrayList<>();
    for (VifSpec v : c.vifs()) {
      List<String> kvs = new ArrayList<>();
      v.options().forEach((k, val) -> kvs.add(k + "=" + val));
      vifs.add(String.join(", ", kvs));
    }
    list(b, "vif", vifs);
    List<String> vtpms = new ArrayList<>();
    for (VtpmSpec t : c.vtpms()) {
      vtpms.add("instance=" + t.instance() + ",backend=" + t.backendDomain());
    }
    list(b, "vtpm", vtpms);
    if (c.securityLabel() != null) {
      list(b, "access_control", List.of("policy=" + c.securityLabel().policy() + ",label=" + c.securityLabel().label()));
    }
    for (Map.Entry<String, String> e : c.extras().entrySet()) {
      kv(b, e.getKey(), e.getValue());
    }
    return b.toString();
  }

  private static void kv(StringBuilder b, String key, String value) {
    b.append(key).append(" = ").append(py(value)).append('\n');
  }

  private static void list(StringBuilder b, String key, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    b.append(key).append(" = [ ");
    for (int i = 0; i < items.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(py(items.get(i)));
    }
    b.append(" ]\n");
  }

  /** A Python string literal. */
  static String py(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
  }
}
