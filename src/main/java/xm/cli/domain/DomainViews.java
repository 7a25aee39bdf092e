package xm.cli.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.VcpuInfo;
import xm.hypervisor.VifSpec;
import xm.hypervisor.VtpmSpec;
import xm.sxp.Sxp;

/** A domain as {@code xm list --long} (an S-expression) and {@code xm list -o json} show it. */
public final class DomainViews {
  private DomainViews() {}

  public static Sxp.SList sxp(DomainInfo d, int nrCpus) {
    DomainConfig c = d.config();
    List<Sxp> items = new ArrayList<>();
    items.add(Sxp.atom("domain"));
    if (d.id() != null) {
      items.add(Sxp.node("domid", d.id()));
    }
    items.add(Sxp.node("uuid", d.uuid()));
    items.add(Sxp.node("vcpus", c.maxVcpus()));
    items.add(Sxp.node("cpu_weight", d.sched().weight() + ".0"));
    items.add(Sxp.node("cpu_cap", d.sched().cap() + ".0"));
    items.add(Sxp.node("name", c.name()));
    items.add(Sxp.node("on_poweroff", c.onPoweroff().text()));
    items.add(Sxp.node("on_reboot", c.onReboot().text()));
    items.add(Sxp.node("on_crash", c.onCrash().text()));
    items.add(Sxp.node("maxmem", d.maxmemMiB()));
    items.add(Sxp.node("memory", d.memoryMiB()));
    items.add(Sxp.node("shadow_memory", 0));
    items.add(Sxp.node("features", ""));
    items.add(Sxp.node("on_xend_start", "ignore"));
    items.add(Sxp.node("on_xend_stop", "ignore"));
    items.add(Sxp.node("start_time", xm.cli.Text.oneDecimal(d.startTimeEpochSec())));
    items.add(Sxp.node("cpu_time", Double.toString(Math.round(d.cpuTimeSec() * 1000) / 1000.0)));
    items.add(Sxp.node("online_vcpus", d.onlineVcpus()));
    List<Sxp> cpus = new ArrayList<>();
    for (VcpuInfo v : d.vcpus()) {
      List<Sxp> set = new ArrayList<>();
      if (v.affinity().size() < nrCpus) {
        for (int cpu : v.affinity()) {
          set.add(Sxp.atom(cpu));
        }
      }
      cpus.add(Sxp.list(set));
    }
    items.add(Sxp.list(Sxp.atom("cpus"), Sxp.list(cpus)));
    items.add(image(c));
    items.add(Sxp.node("status", d.power().code()));
    if (d.id()
        != null) { // an inactive domain (halted or suspended) has a status but no state flags
      items.add(Sxp.node("state", d.flags().toString()));
    }
    if (c.securityLabel() != null) {
      items.add(Sxp.node("security_label", c.securityLabel().toString()));
    }
    for (DiskSpec disk : c.disks()) {
      items.add(
          Sxp.list(
              Sxp.atom("device"),
              Sxp.list(
                  Sxp.atom(disk.uname().startsWith("tap:") ? "tap" : "vbd"),
                  Sxp.node("uname", disk.uname()),
                  Sxp.node("dev", disk.dev()),
                  Sxp.node("mode", disk.mode()),
                  Sxp.node("backend", disk.backendDomain()))));
    }
    for (VifSpec vif : c.vifs()) {
      List<Sxp> v = new ArrayList<>();
      v.add(Sxp.atom("vif"));
      vif.options().forEach((k, val) -> v.add(Sxp.node(k, val)));
      items.add(Sxp.list(Sxp.atom("device"), Sxp.list(v)));
    }
    for (VtpmSpec t : c.vtpms()) {
      items.add(
          Sxp.list(
              Sxp.atom("device"),
              Sxp.list(
                  Sxp.atom("vtpm"),
                  Sxp.node("instance", t.instance()),
                  Sxp.node("backend", t.backendDomain()))));
    }
    return Sxp.list(items);
  }

  private static Sxp image(DomainConfig c) {
    List<Sxp> img = new ArrayList<>();
    img.add(Sxp.atom(c.isHvm() ? "hvm" : "linux"));
    img.add(Sxp.node("kernel", c.kernel() == null ? "" : c.kernel()));
    if (c.ramdisk() != null) {
      img.add(Sxp.node("ramdisk", c.ramdisk()));
    }
    if (!c.cmdline().isEmpty()) {
      img.add(Sxp.node("args", c.cmdline()));
    }
    for (Map.Entry<String, String> e : c.extras().entrySet()) {
      if (c.isHvm()) {
        img.add(Sxp.node(e.getKey(), e.getValue()));
      }
    }
    return Sxp.list(Sxp.atom("image"), Sxp.list(img));
  }

  /** The documented JSON shape of one domain (README, "Machine-readable output"). */
  public static Map<String, Object> json(DomainInfo d) {
    DomainConfig c = d.config();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("id", d.id());
    m.put("uuid", d.uuid());
    m.put("state", d.id() == null ? null : d.flags().toString());
    m.put("power_state", d.power().name().toLowerCase());
    m.put("persistent", d.persistent());
    m.put("memory_mib", d.memoryMiB());
    m.put("maxmem_mib", d.maxmemMiB());
    m.put("vcpus", d.onlineVcpus());
    m.put("max_vcpus", c.maxVcpus());
    m.put("cpu_time_s", Math.round(d.cpuTimeSec() * 1000) / 1000.0);
    m.put("uptime_s", Math.round(d.uptimeSec() * 1000) / 1000.0);
    m.put("managed", d.managed());
    m.put("security_label", c.securityLabel() == null ? null : c.securityLabel().toString());
    Map<String, Object> image = new LinkedHashMap<>();
    image.put("builder", c.builder());
    image.put("kernel", c.kernel());
    image.put("ramdisk", c.ramdisk());
    image.put("cmdline", c.cmdline());
    m.put("image", image);
    m.put("on_poweroff", c.onPoweroff().text());
    m.put("on_reboot", c.onReboot().text());
    m.put("on_crash", c.onCrash().text());
    List<Object> disks = new ArrayList<>();
    for (DiskSpec disk : c.disks()) {
      Map<String, Object> dm = new LinkedHashMap<>();
      dm.put("uname", disk.uname());
      dm.put("dev", disk.dev());
      dm.put("mode", disk.mode());
      dm.put("backend", disk.backendDomain());
      disks.add(dm);
    }
    m.put("disks", disks);
    List<Object> vifs = new ArrayList<>();
    for (VifSpec vif : c.vifs()) {
      vifs.add(new LinkedHashMap<String, Object>(vif.options()));
    }
    m.put("vifs", vifs);
    List<Object> vcpus = new ArrayList<>();
    for (VcpuInfo v : d.vcpus()) {
      Map<String, Object> vm = new LinkedHashMap<>();
      vm.put("number", v.number());
      vm.put("online", v.online());
      vm.put("cpu", v.cpu() < 0 ? null : v.cpu());
      vm.put("affinity", v.affinity());
      vcpus.add(vm);
    }
    m.put("vcpu_list", vcpus);
    return m;
  }
}
