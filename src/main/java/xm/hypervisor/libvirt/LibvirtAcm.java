package xm.hypervisor.libvirt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import xm.acm.ChineseWall;
import xm.acm.LabelAccess;
import xm.acm.PolicyPaths;
import xm.acm.PolicyXml;
import xm.acm.ResourceAccess;
import xm.acm.SecurityPolicy;
import xm.diag.XmException;
import xm.files.AtomicFiles;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.ResourceLabels;
import xm.hypervisor.SecurityLabel;
import xm.hypervisor.VifSpec;

/**
 * Access control for a libvirt host, which has no ACM of its own: xm keeps the host's active policy
 * beside its apply lock ({@code $XM_HOME/libvirt/<uri>/acm-active} and a copy of the policy), the
 * domains' labels in their metadata, resource labels in the one global store, and makes the
 * decisions itself before each operation, with the same pure functions the embedded host uses
 * ({@link LabelAccess}, {@link ChineseWall}, {@link ResourceAccess}).
 */
final class LibvirtAcm {
  private final Path dir;
  private final ResourceLabels resources;

  LibvirtAcm(Path dir, Path home) {
    this.dir = dir;
    this.resources = new ResourceLabels(home);
  }

  ResourceLabels resources() {
    return resources;
  }

  Optional<SecurityPolicy> active() {
    Path record = dir.resolve("acm-active");
    String text;
    try {
      text = new String(xm.files.BoundedReads.read(record, 4096), StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw XmException.error("cannot read " + record + ": " + e.getMessage());
    }
    if (!text.startsWith("policy ")) {
      throw XmException.error(
          record
              + ":1: the active-policy record is damaged (expected 'policy NAME'); load a policy"
              + " again with 'xm loadpolicy POLICY'");
    }
    String name = PolicyPaths.checkName(text.substring("policy ".length()).strip());
    return Optional.of(PolicyXml.read(dir.resolve("acm-" + name + ".xml")));
  }

  void activate(SecurityPolicy p) {
    try {
      Files.createDirectories(dir);
      AtomicFiles.replace(
          dir.resolve("acm-" + p.name() + ".xml"),
          PolicyXml.write(p).getBytes(StandardCharsets.UTF_8));
      AtomicFiles.replace(
          dir.resolve("acm-active"),
          ("policy " + p.name() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw XmException.error("cannot write the active policy in " + dir + ": " + e.getMessage());
    }
  }

  /**
   * Label names of the running domains other than {@code self}, Domain-0 holding the bootstrap
   * label.
   */
  private static Map<String, String> running(
      SecurityPolicy p, List<DomainInfo> domains, String self) {
    Map<String, String> out = new TreeMap<>();
    out.put("Domain-0", p.bootstrap());
    for (DomainInfo d : domains) {
      if (d.id() != null
          && !d.name().equals(self)
          && !d.isDomain0()
          && d.config().securityLabel() != null) {
        out.put(d.name(), d.config().securityLabel().label());
      }
    }
    return out;
  }

  /** Fails unless {@code c} may run now beside {@code domains}, with all its devices. */
  void requireMayRun(DomainConfig c, List<DomainInfo> domains) {
    Optional<SecurityPolicy> p = active();
    SecurityLabel l = c.securityLabel();
    LabelAccess.denyRun(p, l == null ? null : l.policy(), l == null ? null : l.label())
        .ifPresent(
            why -> {
              throw XmException.error(why);
            });
    if (p.isPresent() && l != null) {
      ChineseWall.denyStart(p.get(), l.label(), running(p.get(), domains, c.name()))
          .ifPresent(
              why -> {
                throw XmException.error(why);
              });
    }
    requireMayUse(p, l, c.disks(), c.vifs());
  }

  /**
   * Fails unless a domain labeled {@code l} may use these devices under the active policy (or with
   * none).
   */
  void requireMayUse(
      Optional<SecurityPolicy> p, SecurityLabel l, List<DiskSpec> disks, List<VifSpec> vifs) {
    if (disks.isEmpty() && vifs.isEmpty()) {
      return;
    }
    Map<String, ResourceLabels.Entry> held = resources.read();
    for (ResourceAccess.Use u : ResourceLabels.uses(disks, vifs)) {
      check(p, held, l, u.kind(), u.shown(), u.canonical());
    }
  }

  private static void check(
      Optional<SecurityPolicy> p,
      Map<String, ResourceLabels.Entry> held,
      SecurityLabel l,
      ResourceAccess.Kind kind,
      String shown,
      String canonical) {
    ResourceLabels.Entry e = held.get(canonical);
    ResourceAccess.Held h = e == null ? null : new ResourceAccess.Held(e.policy(), e.label());
    ResourceAccess.decide(p, l == null ? null : l.label(), kind, shown, canonical, h)
        .ifPresent(
            w -> {
              throw XmException.error(w);
            });
  }

  /**
   * Why {@code next} may not be loaded while {@code domains} run (the embedded host's rules); empty
   * if it may.
   */
  Optional<String> denyLoad(SecurityPolicy next, List<DomainInfo> domains) {
    Optional<SecurityPolicy> old;
    try {
      old = active();
    } catch (XmException damaged) {
      old = Optional.empty(); // loading a policy is what repairs a damaged record
    }
    Map<String, ResourceAccess.Held> running = new TreeMap<>();
    for (DomainInfo d : domains) {
      if (d.id() != null && !d.isDomain0() && d.config().securityLabel() != null) {
        running.put(
            d.name(),
            new ResourceAccess.Held(
                d.config().securityLabel().policy(), d.config().securityLabel().label()));
      }
    }
    return xm.acm.PolicyUpdate.denyLoad(old, next, running);
  }

  /**
   * Fails when a running domain of this host uses {@code resource} and would be denied it once it
   * holds {@code next} (null: no label), as Xen refused to relabel a resource in use.
   */
  void requireNotInUse(
      String resource,
      Map<String, ResourceLabels.Entry> now,
      ResourceLabels.Entry next,
      List<DomainInfo> domains,
      String uri) {
    Map<String, ResourceLabels.Entry> after = new java.util.HashMap<>(now);
    if (next == null) {
      after.remove(resource);
    } else {
      after.put(resource, next);
    }
    Optional<SecurityPolicy> p = active();
    for (DomainInfo d : domains) {
      if (d.id() == null || d.isDomain0()) {
        continue;
      }
      for (ResourceAccess.Use u : ResourceLabels.uses(d.config())) {
        if (!u.canonical().equals(resource)) {
          continue;
        }
        ResourceLabels.Entry e = after.get(resource);
        ResourceAccess.Held h = e == null ? null : new ResourceAccess.Held(e.policy(), e.label());
        SecurityLabel l = d.config().securityLabel();
        Optional<String> why =
            ResourceAccess.decide(
                p, l == null ? null : l.label(), u.kind(), u.shown(), u.canonical(), h);
        if (why.isPresent()) {
          throw XmException.error(
              "Resource '"
                  + resource
                  + "' is in use by domain "
                  + d.name()
                  + " on host "
                  + uri
                  + ", which "
                  + (next == null ? "an unlabeled " : "its new label ")
                  + "would deny: "
                  + why.get());
        }
      }
    }
  }
}
