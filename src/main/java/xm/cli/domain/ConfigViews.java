package xm.cli.domain;

import java.util.ArrayList;
import java.util.List;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.VifSpec;
import xm.hypervisor.VtpmSpec;
import xm.sxp.Sxp;

/** A domain config as the S-expression {@code xm create -n} prints (xend's create config). */
final class ConfigViews {
  private ConfigViews() {}

  static Sxp.SList sxp(DomainConfig c) {
    List<Sxp> items = new ArrayList<>();
    items.add(Sxp.atom("vm"));
    items.add(Sxp.node("name", c.name()));
    if (c.uuid() != null) {
      items.add(Sxp.node("uuid", c.uuid()));
    }
    items.add(Sxp.node("memory", c.memoryMiB()));
    items.add(Sxp.node("maxmem", c.maxmemMiB()));
    items.add(Sxp.node("vcpus", c.maxVcpus()));
    if (c.vcpus() != c.maxVcpus()) {
      items.add(Sxp.node("vcpu_avail", (1L << c.vcpus()) - 1));
    }
    if (c.cpus() != null) {
      items.add(Sxp.node("cpus", c.cpus()));
    }
    items.add(Sxp.node("on_poweroff", c.onPoweroff().text()));
    items.add(Sxp.node("on_reboot", c.onReboot().text()));
    items.add(Sxp.node("on_crash", c.onCrash().text()));
    List<Sxp> img = new ArrayList<>();
    img.add(Sxp.atom(c.isHvm() ? "hvm" : "linux"));
    if (c.kernel() != null) {
      img.add(Sxp.node("kernel", c.kernel()));
    }
    if (c.ramdisk() != null) {
      img.add(Sxp.node("ramdisk", c.ramdisk()));
    }
    if (!c.cmdline().isEmpty()) {
      img.add(Sxp.node("args", c.cmdline()));
    }
    items.add(Sxp.list(Sxp.atom("image"), Sxp.list(img)));
    if (c.securityLabel() != null) {
      items.add(
          Sxp.list(
              Sxp.atom("security"),
              Sxp.list(
                  Sxp.atom("access_control"),
                  Sxp.node("policy", c.securityLabel().policy()),
                  Sxp.node("label", c.securityLabel().label()))));
    }
    for (DiskSpec d : c.disks()) {
      items.add(
          Sxp.list(
              Sxp.atom("device"),
              Sxp.list(
                  Sxp.atom(d.uname().startsWith("tap:") ? "tap" : "vbd"),
                  Sxp.node("uname", d.uname()),
                  Sxp.node("dev", d.dev()),
                  Sxp.node("mode", d.mode()))));
    }
    for (VifSpec v : c.vifs()) {
      List<Sxp> vif = new ArrayList<>();
      vif.add(Sxp.atom("vif"));
      v.options().forEach((k, val) -> vif.add(Sxp.node(k, val)));
      items.add(Sxp.list(Sxp.atom("device"), Sxp.list(vif)));
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
    c.extras().forEach((k, v) -> items.add(Sxp.node(k, v)));
    return Sxp.list(items);
  }
}
