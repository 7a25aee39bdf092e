package xm.hypervisor.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xm.diag.XmException;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainLimits;
import xm.hypervisor.LifecycleAction;
import xm.hypervisor.SecurityLabel;
import xm.hypervisor.Uuids;
import xm.hypervisor.VifSpec;
import xm.hypervisor.VtpmSpec;
import xm.sxp.Sxp;

/** A {@link DomainConfig} as the {@code (config ...)} node of state and save files. */
final class ConfigCodec {
  private ConfigCodec() {}

  static Sxp.SList toSxp(DomainConfig c) {
    List<Sxp> items = new ArrayList<>();
    items.add(Sxp.atom("config"));
    items.add(Sxp.node("name", c.name()));
    if (c.uuid() != null) {
      items.add(Sxp.node("uuid", c.uuid()));
    }
    items.add(Sxp.node("builder", c.builder()));
    if (c.kernel() != null) {
      items.add(Sxp.node("kernel", c.kernel()));
    }
    if (c.ramdisk() != null) {
      items.add(Sxp.node("ramdisk", c.ramdisk()));
    }
    items.add(Sxp.node("cmdline", c.cmdline()));
    items.add(Sxp.node("memory", c.memoryMiB()));
    items.add(Sxp.node("maxmem", c.maxmemMiB()));
    items.add(Sxp.node("vcpus", c.vcpus()));
    items.add(Sxp.node("maxvcpus", c.maxVcpus()));
    if (c.cpus() != null) {
      items.add(Sxp.node("cpus", c.cpus()));
    }
    items.add(Sxp.node("on_poweroff", c.onPoweroff().text()));
    items.add(Sxp.node("on_reboot", c.onReboot().text()));
    items.add(Sxp.node("on_crash", c.onCrash().text()));
    for (DiskSpec d : c.disks()) {
      items.add(
          Sxp.list(
              Sxp.atom("disk"),
              Sxp.node("uname", d.uname()),
              Sxp.node("dev", d.dev()),
              Sxp.node("mode", d.mode()),
              Sxp.node("backend", d.backendDomain())));
    }
    for (VifSpec v : c.vifs()) {
      List<Sxp> vif = new ArrayList<>();
      vif.add(Sxp.atom("vif"));
      v.options().forEach((k, val) -> vif.add(Sxp.node(k, val)));
      items.add(Sxp.list(vif));
    }
    for (VtpmSpec t : c.vtpms()) {
      items.add(
          Sxp.list(
              Sxp.atom("vtpm"),
              Sxp.node("instance", t.instance()),
              Sxp.node("backend", t.backendDomain())));
    }
    if (c.securityLabel() != null) {
      items.add(
          Sxp.list(
              Sxp.atom("security_label"),
              Sxp.node("policy", c.securityLabel().policy()),
              Sxp.node("label", c.securityLabel().label())));
    }
    if (!c.extras().isEmpty()) {
      List<Sxp> extra = new ArrayList<>();
      extra.add(Sxp.atom("extras"));
      c.extras().forEach((k, v) -> extra.add(Sxp.node(k, v)));
      items.add(Sxp.list(extra));
    }
    return Sxp.list(items);
  }

  /**
   * The config a {@code (config ...)} node holds, refused (with the place) when it breaks {@code
   * limits}: what a host would not have written, it does not read.
   */
  static DomainConfig fromSxp(Sxp sxp, String source, DomainLimits limits) {
    SxpReader r = SxpReader.of(sxp, "config", source);
    List<DiskSpec> disks = new ArrayList<>();
    for (Sxp.SList d : r.node().children("disk")) {
      SxpReader dr = SxpReader.of(d, "disk", source);
      disks.add(
          new DiskSpec(
              dr.string("uname", ""),
              dr.required("dev"),
              dr.required("mode"),
              (int) dr.longValue("backend", 0, 0, Integer.MAX_VALUE)));
    }
    List<VifSpec> vifs = new ArrayList<>();
    for (Sxp.SList v : r.node().children("vif")) {
      Map<String, String> opts = new LinkedHashMap<>();
      for (Sxp kv : v.rest()) {
        if (kv instanceof Sxp.SList l
            && l.items().size() == 2
            && l.head() != null
            && l.items().get(1) instanceof Sxp.Atom a) {
          opts.put(l.head(), a.value());
        }
      }
      vifs.add(new VifSpec(opts));
    }
    List<VtpmSpec> vtpms = new ArrayList<>();
    for (Sxp.SList t : r.node().children("vtpm")) {
      SxpReader tr = SxpReader.of(t, "vtpm", source);
      vtpms.add(
          new VtpmSpec(
              (int) tr.longValue("instance", -1, -1, Integer.MAX_VALUE),
              (int) tr.longValue("backend", 0, 0, Integer.MAX_VALUE)));
    }
    SecurityLabel label = null;
    Sxp.SList sl = r.node().child("security_label");
    if (sl != null) {
      SxpReader lr = SxpReader.of(sl, "security_label", source);
      label = new SecurityLabel(lr.required("policy"), lr.required("label"));
    }
    Map<String, String> extras = new LinkedHashMap<>();
    Sxp.SList ex = r.node().child("extras");
    if (ex != null) {
      for (Sxp kv : ex.rest()) {
        if (kv instanceof Sxp.SList l
            && l.items().size() == 2
            && l.head() != null
            && l.items().get(1) instanceof Sxp.Atom a) {
          extras.put(l.head(), a.value());
        }
      }
    }
    String uuid = r.string("uuid", null);
    if (uuid != null && !Uuids.isValid(uuid)) {
      throw XmException.badInput(r.where("uuid"), Uuids.problem(uuid));
    }
    long memory = r.longValue("memory", 128, 1, limits.maxMemoryMiB());
    int vcpus = (int) r.longValue("vcpus", 1, 1, MAX_VCPUS_READ);
    DomainConfig c;
    try {
      c =
          new DomainConfig(
              r.required("name"),
              uuid,
              r.string("builder", "linux"),
              r.string("kernel", null),
              r.string("ramdisk", null),
              r.string("cmdline", ""),
              memory,
              r.longValue("maxmem", memory, 1, limits.maxMemoryMiB()),
              vcpus,
              (int) r.longValue("maxvcpus", vcpus, 1, MAX_VCPUS_READ),
              r.string("cpus", null),
              action(r, "on_poweroff"),
              action(r, "on_reboot"),
              action(r, "on_crash"),
              disks,
              vifs,
              vtpms,
              label,
              extras);
    } catch (IllegalArgumentException e) {
      throw XmException.badInput(r.where("name"), e.getMessage());
    }
    DomainLimits.Violation v = limits.violation(c);
    if (v != null) {
      throw XmException.badInput(where(r, v), v.message());
    }
    return c;
  }

  /** Wider than any backend's VCPU limit: the limits then say what the bound is. */
  private static final int MAX_VCPUS_READ = 1024;

  /** Where in the node the value {@code v} names is. */
  private static xm.diag.Location where(SxpReader r, DomainLimits.Violation v) {
    String child =
        switch (v.field()) {
          case "disks" -> "disk";
          case "vifs" -> "vif";
          case "vtpms" -> "vtpm";
          case "security" -> "security_label";
          default -> v.field();
        };
    List<Sxp.SList> all = r.node().children(child);
    if (child.equals("extras") && !all.isEmpty()) {
      List<Sxp> entries = all.get(0).rest();
      Sxp at = v.index() >= 0 && v.index() < entries.size() ? entries.get(v.index()) : all.get(0);
      return at.location() != null ? at.location() : r.where(child);
    }
    if (v.index() >= 0 && v.index() < all.size() && all.get(v.index()).location() != null) {
      return all.get(v.index()).location();
    }
    return r.where(child);
  }

  private static LifecycleAction action(SxpReader r, String key) {
    String v = r.string(key, null);
    if (v == null) {
      return null;
    }
    LifecycleAction a = LifecycleAction.parse(v);
    if (a == null) {
      throw XmException.badInput(
          r.where(key),
          key
              + " must be one of destroy, restart, preserve, rename-restart, coredump-destroy, coredump-restart; not '"
              + v
              + "'");
    }
    return a;
  }
}
