package xm.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xm.config.DeviceSpecs;
import xm.diag.Location;
import xm.diag.XmException;
import xm.hypervisor.DeviceNumbers;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainNames;
import xm.hypervisor.HostNames;
import xm.hypervisor.LifecycleAction;
import xm.hypervisor.SecurityLabel;
import xm.hypervisor.VifRules;
import xm.hypervisor.VifSpec;
import xm.hypervisor.VtpmSpec;

/** Turns one YAML document into a {@link DomainSpec} or {@link HostDoc}, collecting problems. */
final class DocumentReader {
  /** The host's own domain (id 0): the host makes it, apply never does. */
  static final String DOMAIN0 = "Domain-0";

  private DocumentReader() {}

  /**
   * Reads a document; returns a DomainSpec, a HostDoc, a PolicyDoc, or null when it had problems.
   */
  static Object read(Node doc) {
    int before = doc.problems.size();
    if (!(doc.yaml instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
      doc.problem("a spec document must be a mapping with apiVersion, kind, metadata and spec");
      return null;
    }
    String kind = peekKind(doc);
    if (kind == null) {
      return null;
    }
    Map<String, Node> top = doc.fields(kind + " document", SpecSchema.document(kind));
    if (top == null) {
      return null;
    }
    Node api = top.get("apiVersion");
    if (api != null && !SpecSchema.API_VERSION.equals(api.string("apiVersion"))) {
      api.problem("apiVersion must be " + SpecSchema.API_VERSION);
    }
    Object out =
        switch (kind) {
          case "Host" -> host(top);
          case "SecurityPolicy" -> PolicyReader.read(top);
          case "ResourceLabel" -> PolicyReader.resourceLabel(top);
          default -> domain(top, doc);
        };
    return doc.problems.size() > before ? null : out;
  }

  private static String peekKind(Node doc) {
    var m = (org.snakeyaml.engine.v2.nodes.MappingNode) doc.yaml;
    for (var t : m.getValue()) {
      if (t.getKeyNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode k
          && k.getValue().equals("kind")) {
        Node v = new Node(t.getValueNode(), doc.file, doc.problems);
        String kind = v.string("kind");
        if (kind != null && !SpecSchema.KINDS.contains(kind)) {
          v.problem(
              "kind must be Domain, Host, SecurityPolicy or ResourceLabel, not '" + kind + "'");
          return null;
        }
        return kind;
      }
    }
    doc.problem("the document needs 'kind: Domain' (or Host)");
    return null;
  }

  private static HostDoc host(Map<String, Node> top) {
    Map<String, Node> meta = top.get("metadata").fields("metadata", SpecSchema.HOST_METADATA);
    Node specNode = top.get("spec");
    Map<String, Node> spec =
        specNode == null ? Map.of() : specNode.fields("spec", SpecSchema.HOST_SPEC);
    if (meta == null || spec == null) {
      return null;
    }
    String name = meta.get("name") == null ? null : meta.get("name").string("name");
    if (name != null) {
      hostName(meta.get("name"), name);
    }
    Long memory =
        spec.containsKey("memory")
            ? spec.get("memory").integer(field(SpecSchema.HOST_SPEC, "memory"))
            : null;
    Long dom0 =
        spec.containsKey("dom0Memory")
            ? spec.get("dom0Memory").integer(field(SpecSchema.HOST_SPEC, "dom0Memory"))
            : null;
    if (memory != null && dom0 != null && dom0 > memory) {
      spec.get("dom0Memory")
          .problem(
              "Domain-0's share (dom0Memory "
                  + dom0
                  + " MiB) is more than the host's memory ("
                  + memory
                  + " MiB); raise memory or lower dom0Memory");
    }
    Integer cpus =
        spec.containsKey("cpus")
            ? toInt(spec.get("cpus").integer(field(SpecSchema.HOST_SPEC, "cpus")))
            : null;
    Integer nodes =
        spec.containsKey("nodes")
            ? toInt(spec.get("nodes").integer(field(SpecSchema.HOST_SPEC, "nodes")))
            : null;
    if (cpus != null && nodes != null && nodes > cpus) {
      spec.get("nodes")
          .problem(
              "nodes (" + nodes + ") is more than cpus (" + cpus + "); each NUMA node needs a CPU");
    }
    List<String> devices = null;
    if (spec.containsKey("blockDevices")) {
      devices = new ArrayList<>();
      for (Node item : spec.get("blockDevices").items("blockDevices")) {
        String d = item.string("blockDevices entries");
        if (d != null && (!d.startsWith("/dev/") || d.length() == "/dev/".length())) {
          item.problem("blockDevices entries must be /dev/ paths, not " + Node.quote(d));
        } else if (d != null) {
          devices.add(d);
        }
      }
    }
    String uri = null;
    if (spec.containsKey("uri")) {
      uri = spec.get("uri").string("uri");
      if (uri != null && (uri.length() > 2048 || !uri.matches("[a-z][a-z0-9+]*://[^\\s#]*"))) {
        spec.get("uri")
            .problem(
                "uri must be a libvirt URI such as qemu:///system or xen:///system, not "
                    + Node.quote(uri));
      } else if (uri != null
          && (memory != null || dom0 != null || cpus != null || nodes != null || devices != null)) {
        spec.get("uri")
            .problem(
                "a libvirt host (uri) is the machine it names: remove memory, dom0Memory, cpus, nodes"
                    + " and blockDevices");
      }
    }
    return new HostDoc(
        name, memory, dom0, cpus, nodes, devices, uri, top.get("metadata").location());
  }

  /** Host names become directory names: the one rule the simulated hosts use, checked up front. */
  private static void hostName(Node at, String name) {
    if (name.isEmpty()) {
      at.problem("a host name cannot be empty; " + HostNames.RULE);
    } else if (!HostNames.isValid(name)) {
      at.problem("Invalid host name " + Node.quote(name) + ": " + HostNames.RULE);
    }
  }

  private static Integer toInt(Long v) {
    return v == null ? null : v.intValue();
  }

  static Field field(List<Field> fields, String name) {
    for (Field f : fields) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static DomainSpec domain(Map<String, Node> top, Node doc) {
    Node metaNode = top.get("metadata");
    Node specNode = top.get("spec");
    if (metaNode == null || specNode == null) {
      return null;
    }
    int before = doc.problems.size();
    Map<String, Node> meta = metaNode.fields("metadata", SpecSchema.METADATA);
    Map<String, Node> s = specNode.fields("spec", SpecSchema.DOMAIN_SPEC);
    if (meta == null || s == null || !meta.containsKey("name")) {
      return null;
    }
    String name = meta.get("name").string("name");
    if (name != null && !DomainNames.isValid(name)) {
      meta.get("name")
          .problem("Invalid VM Name '" + name + "': use letters, digits and _ - . : / +");
    } else if (DOMAIN0.equals(name)) {
      meta.get("name")
          .problem(
              "Domain-0 belongs to the host and is never declared in a spec; remove this document");
    }
    String host = meta.containsKey("host") ? meta.get("host").string("host") : null;
    if (host != null
        && !host.contains("://")) { // a URI names a libvirt host; the router answers for those
      hostName(meta.get("host"), host);
    }
    Map<String, String> labels =
        meta.containsKey("labels") ? meta.get("labels").stringMap("labels") : Map.of();
    Map<String, Location> where = new HashMap<>();
    s.forEach((k, v) -> where.put(k, v.location()));
    List<Field> f = SpecSchema.DOMAIN_SPEC;

    String builder =
        s.containsKey("builder") ? s.get("builder").oneOf(field(f, "builder")) : "linux";
    String kernel = s.containsKey("kernel") ? s.get("kernel").string("kernel") : null;
    if ("linux".equals(builder) && kernel == null) {
      specNode.problem("spec needs 'kernel' (the path of the guest kernel) for a linux domain");
    }
    if (kernel != null && !kernel.startsWith("/")) {
      s.get("kernel").problem("kernel must be an absolute path, not '" + kernel + "'");
    }
    Long memory =
        s.containsKey("memory") ? s.get("memory").integer(field(f, "memory")) : Long.valueOf(128);
    Long maxmem = s.containsKey("maxmem") ? s.get("maxmem").integer(field(f, "maxmem")) : memory;
    if (memory != null && maxmem != null && memory > maxmem) {
      s.get("memory")
          .problem(
              "memory ("
                  + memory
                  + " MiB) is more than maxmem ("
                  + maxmem
                  + " MiB); raise maxmem or lower memory");
    }
    Long vcpus =
        s.containsKey("vcpus") ? s.get("vcpus").integer(field(f, "vcpus")) : Long.valueOf(1);
    Long maxvcpus =
        s.containsKey("maxvcpus") ? s.get("maxvcpus").integer(field(f, "maxvcpus")) : vcpus;
    if (vcpus != null && maxvcpus != null && vcpus > maxvcpus) {
      s.get("vcpus")
          .problem(
              "vcpus ("
                  + vcpus
                  + ") is more than maxvcpus ("
                  + maxvcpus
                  + "); raise maxvcpus or lower vcpus");
    }
    String cpus = s.containsKey("cpus") ? s.get("cpus").string("cpus") : null;
    if (cpus != null) {
      try {
        xm.hypervisor.CpuSets.parse(cpus);
      } catch (XmException e) {
        s.get("cpus").problem(e.getMessage());
      }
    }
    DesiredState state = DesiredState.RUNNING;
    if (s.containsKey("state")) {
      String st = s.get("state").oneOf(field(f, "state"));
      state = st == null ? DesiredState.RUNNING : DesiredState.valueOf(st.toUpperCase());
    }
    List<DiskSpec> disks = s.containsKey("disks") ? disks(s.get("disks")) : List.of();
    List<VifSpec> vifs = s.containsKey("vifs") ? vifs(s.get("vifs")) : List.of();
    List<VtpmSpec> vtpms = new ArrayList<>();
    if (s.containsKey("vtpms")) {
      for (Node item : s.get("vtpms").items("vtpms")) {
        Map<String, Node> v = item.fields("vtpm", SpecSchema.VTPM);
        if (v != null) {
          long inst =
              v.containsKey("instance")
                  ? orZero(v.get("instance").integer(field(SpecSchema.VTPM, "instance")))
                  : -1;
          long be =
              v.containsKey("backend")
                  ? orZero(v.get("backend").integer(field(SpecSchema.VTPM, "backend")))
                  : 0;
          vtpms.add(new VtpmSpec((int) inst, (int) be));
        }
      }
    }
    SecurityLabel label = null;
    if (s.containsKey("security")) {
      Map<String, Node> sec = s.get("security").fields("security", SpecSchema.SECURITY);
      if (sec != null && sec.containsKey("policy") && sec.containsKey("label")) {
        label =
            new SecurityLabel(sec.get("policy").string("policy"), sec.get("label").string("label"));
      }
    }
    List<String> dependsOn =
        s.containsKey("dependsOn") ? s.get("dependsOn").stringList("dependsOn") : List.of();
    boolean prune = !s.containsKey("prune") || !Boolean.FALSE.equals(s.get("prune").bool("prune"));
    Map<String, String> extras =
        s.containsKey("extras") ? s.get("extras").stringMap("extras") : Map.of();
    if (s.containsKey("extras")) {
      // Extras become variables of the xmdomain.cfg file xm convert writes: names only, and none xm
      // writes itself.
      s.get("extras").checkKeys(xm.config.ExtrasKeys::problem);
    }
    if (s.containsKey("sched")) { // the model keeps them as the config keys xm create reads
      Map<String, Node> sc = s.get("sched").fields("sched", SpecSchema.SCHED);
      if (sc != null) {
        Map<String, String> withSched =
            new java.util.LinkedHashMap<>(extras == null ? Map.of() : extras);
        for (String[] k : new String[][] {{"weight", "cpu_weight"}, {"cap", "cpu_cap"}}) {
          if (!sc.containsKey(k[0])) {
            continue;
          }
          Long v = sc.get(k[0]).integer(field(SpecSchema.SCHED, k[0]));
          if (withSched.containsKey(k[1])) {
            sc.get(k[0])
                .problem(
                    "sched."
                        + k[0]
                        + " and extras."
                        + k[1]
                        + " say the same thing: keep sched."
                        + k[0]);
          } else if (v != null) {
            withSched.put(k[1], Long.toString(v));
          }
        }
        if (sc.containsKey("cap") && vcpus != null && maxvcpus != null) {
          Long cap = sc.get("cap").integer(field(SpecSchema.SCHED, "cap"));
          if (cap != null && cap > 100L * maxvcpus) {
            sc.get("cap")
                .problem(
                    "sched.cap "
                        + cap
                        + " is more than 100 x maxvcpus ("
                        + (100L * maxvcpus)
                        + ")");
          }
        }
        extras = withSched;
      }
    }
    for (String key :
        new String[] {"pci", "vscsi"}) { // kept as the config's lists, as xm create reads them
      if (!s.containsKey(key)) {
        continue;
      }
      List<String> items = s.get(key).stringList(key);
      if (items == null) {
        continue;
      }
      if (extras != null && extras.containsKey(key)) {
        s.get(key).problem(key + " and extras." + key + " say the same thing: keep " + key);
        continue;
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (String item : items) {
        String why =
            key.equals("pci")
                ? xm.hypervisor.PciDevice.specProblem(item)
                : xm.hypervisor.ScsiDevice.specProblem(item);
        if (why != null) {
          s.get(key).problem(why);
          continue;
        }
        // one device, and one guest address (slot or h:c:t:l), once: what create would refuse
        java.util.List<String> keys = new java.util.ArrayList<>();
        if (key.equals("pci")) {
          xm.hypervisor.PciDevice p = xm.hypervisor.PciDevice.parseEntry(item);
          keys.add(p.bdf());
          if (p.vslot() != null) {
            keys.add("the virtual slot " + p.vslot());
          }
        } else {
          xm.hypervisor.ScsiDevice.Wanted w = xm.hypervisor.ScsiDevice.parseWanted(item);
          keys.add(w.phys().replaceFirst("^/dev/", ""));
          keys.add("the guest address " + w.virt());
        }
        for (String k : keys) {
          if (!seen.add(k)) {
            s.get(key).problem(key + ": '" + item + "' repeats " + k + " of an earlier entry");
          }
        }
      }
      Map<String, String> with = new java.util.LinkedHashMap<>(extras == null ? Map.of() : extras);
      with.put(key, xm.config.py.ConfigScript.repr(new java.util.ArrayList<Object>(items)));
      extras = with;
    }
    LifecycleAction onPoweroff = action(s, "onPoweroff");
    LifecycleAction onReboot = action(s, "onReboot");
    LifecycleAction onCrash = action(s, "onCrash");
    if (name == null
        || memory == null
        || maxmem == null
        || vcpus == null
        || maxvcpus == null
        || doc.problems.size() > before) {
      return null;
    }
    DomainConfig config;
    try {
      config =
          new DomainConfig(
              name,
              null,
              builder,
              kernel,
              s.containsKey("ramdisk") ? s.get("ramdisk").string("ramdisk") : null,
              s.containsKey("cmdline") ? s.get("cmdline").string("cmdline") : "",
              memory,
              maxmem,
              vcpus.intValue(),
              maxvcpus.intValue(),
              cpus,
              onPoweroff,
              onReboot,
              onCrash,
              disks,
              vifs,
              vtpms,
              label,
              extras);
    } catch (IllegalArgumentException e) {
      specNode.problem(e.getMessage());
      return null;
    }
    Set<String> declared = new HashSet<>(s.keySet());
    declared.add("state");
    if (extras != null && (extras.containsKey("cpu_weight") || extras.containsKey("cpu_cap"))) {
      declared.add("sched");
    }
    return new DomainSpec(
        name, host, labels, config, state, prune, dependsOn, declared, where, doc.location());
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }

  private static LifecycleAction action(Map<String, Node> s, String key) {
    if (!s.containsKey(key)) {
      return null;
    }
    String v = s.get(key).oneOf(field(SpecSchema.DOMAIN_SPEC, key));
    return v == null ? null : LifecycleAction.parse(v);
  }

  private static List<DiskSpec> disks(Node list) {
    List<DiskSpec> out = new ArrayList<>();
    Set<Integer> devnums = new HashSet<>();
    for (Node item : list.items("disks")) {
      Map<String, Node> d = item.fields("disk", SpecSchema.DISK);
      if (d == null || !d.containsKey("source") || !d.containsKey("target")) {
        continue;
      }
      String source = d.get("source").string("source");
      String target = d.get("target").string("target");
      String mode =
          d.containsKey("mode") ? d.get("mode").oneOf(field(SpecSchema.DISK, "mode")) : "w";
      long backend =
          d.containsKey("backend")
              ? orZero(d.get("backend").integer(field(SpecSchema.DISK, "backend")))
              : 0;
      if (source == null || target == null || mode == null) {
        continue;
      }
      try {
        DeviceSpecs.checkSource(source); // as written, commas and all (a path may hold them)
      } catch (XmException e) {
        d.get("source").problem(e.getMessage());
        continue;
      }
      int devnum = DeviceNumbers.of(target);
      if (devnum < 0) {
        d.get("target")
            .problem(
                "'"
                    + target
                    + "' is not a device name Xen knows (e.g. xvda1, sda2, hdc:cdrom, 0x1400)");
        continue;
      }
      if (!devnums.add(devnum)) {
        d.get("target")
            .problem("target " + target + " (" + devnum + ") is used twice in this domain");
        continue;
      }
      out.add(new DiskSpec(source, target, mode, (int) backend));
    }
    return out;
  }

  private static List<VifSpec> vifs(Node list) {
    List<VifSpec> out = new ArrayList<>();
    for (Node item : list.items("vifs")) {
      Map<String, Node> v = item.fields("vif", SpecSchema.VIF);
      if (v == null) {
        continue;
      }
      Map<String, String> opts = new LinkedHashMap<>();
      for (Map.Entry<String, Node> e : v.entrySet()) {
        String val =
            e.getKey().equals("backend")
                ? String.valueOf(orZero(e.getValue().integer(field(SpecSchema.VIF, "backend"))))
                : e.getValue().string(e.getKey());
        if (val != null) {
          opts.put(e.getKey(), e.getKey().equals("mac") ? val.toLowerCase() : val);
        }
      }
      VifSpec vif = new VifSpec(opts);
      String problem = VifRules.problem(vif);
      if (problem != null) {
        (v.containsKey("mac") && problem.contains("mac") ? v.get("mac") : item).problem(problem);
        continue;
      }
      out.add(vif);
    }
    return out;
  }
}
