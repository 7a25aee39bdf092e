package xm.hypervisor.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import xm.diag.XmException;
import xm.hypervisor.DomainLimits;
import xm.hypervisor.Uuids;
import xm.sxp.Sxp;
import xm.sxp.SxpParser;
import xm.sxp.SxpPrinter;

/** {@link SimState} as the text of {@code state.sxp}, and back, with located errors. */
final class StateCodec {
  static final int FORMAT = 1;

  private StateCodec() {}

  /** The state as one S-expression (what {@link #write} prints). */
  static Sxp.SList toSxp(SimState s) {
    List<Sxp> items = header(s);
    for (SimDomain d : s.domains) {
      items.add(domainToSxp(d));
    }
    return Sxp.list(items);
  }

  private static List<Sxp> header(SimState s) {
    List<Sxp> items = new ArrayList<>(s.domains.size() + 6);
    items.add(Sxp.atom("xm-state"));
    items.add(Sxp.node("format", FORMAT));
    items.add(Sxp.node("next_domid", s.nextDomid));
    items.add(Sxp.node("clock", s.clockMs));
    items.add(Sxp.node("boot_time", s.bootMs));
    items.add(Sxp.node("revision", s.revision));
    return items;
  }

  /** The text of {@code state.sxp} (see {@link #encode}). */
  static String write(SimState s) {
    return new String(encode(s).toArray(), StandardCharsets.UTF_8);
  }

  /**
   * The bytes of {@code state.sxp}: exactly {@code SxpPrinter.exact(toSxp(s))} in UTF-8. The state
   * is a folded list whose elements each start on their own line at column 4, so a domain's text
   * depends on nothing but the domain: each domain keeps the text it was last written as, with the
   * values it was written from, and only a domain whose values changed is encoded and printed again
   * (a commit no longer prints every domain of the host). The result is those texts as pieces, not
   * joined into one array.
   */
  static Pieces encode(SimState s) {
    List<Sxp> header = header(s);
    // the layout below is the folded one; a state whose one-line form fits (never in practice:
    // Domain-0 alone is wider) is printed whole. Adding elements only widens a list, so measuring
    // up to the first element that makes it too wide settles it.
    List<Sxp> probe = new ArrayList<>(header);
    boolean folds = !SxpPrinter.fitsExact(Sxp.list(probe));
    for (int i = 0; !folds && i < s.domains.size(); i++) {
      probe.add(domainToSxp(s.domains.get(i)));
      folds = !SxpPrinter.fitsExact(Sxp.list(probe));
    }
    if (!folds) {
      return Pieces.of(SxpPrinter.exact(Sxp.list(probe)).getBytes(StandardCharsets.UTF_8));
    }
    StringBuilder head = new StringBuilder(256).append("(xm-state");
    for (int i = 1; i < header.size(); i++) {
      head.append(ELEMENT).append(SxpPrinter.exactAt(header.get(i), 4));
    }
    List<byte[]> parts = new ArrayList<>(2 * s.domains.size() + 2);
    parts.add(head.toString().getBytes(StandardCharsets.UTF_8));
    for (SimDomain d : s.domains) {
      parts.add(ELEMENT_BYTES);
      parts.add(d.stateText());
    }
    parts.add(END);
    return new Pieces(parts);
  }

  private static final String ELEMENT = "\n    ";
  private static final byte[] ELEMENT_BYTES = ELEMENT.getBytes(StandardCharsets.UTF_8);
  private static final byte[] END = "\n)\n".getBytes(StandardCharsets.UTF_8);

  static Sxp.SList domainToSxp(SimDomain d) {
    List<Sxp> items = new ArrayList<>();
    items.add(Sxp.atom("domain"));
    if (d.isActive()) {
      items.add(Sxp.node("domid", d.id));
    }
    items.add(Sxp.node("uuid", d.uuid));
    if (d.persistent) {
      items.add(Sxp.node("persistent", 1));
    }
    if (!d.isActive()) {
      items.add(Sxp.node("inactive", d.inactive));
    }
    items.add(ConfigCodec.toSxp(d.config));
    items.add(Sxp.node("online_vcpus", d.onlineVcpus));
    for (int v = 0; v < d.affinity.size(); v++) {
      Set<Integer> cpus = d.affinity.get(v);
      if (cpus != null) {
        List<Sxp> a = new ArrayList<>();
        a.add(Sxp.atom("affinity"));
        a.add(Sxp.atom(v));
        for (int c : cpus) {
          a.add(Sxp.atom(c));
        }
        items.add(Sxp.list(a));
      }
    }
    items.add(Sxp.node("paused", d.paused ? 1 : 0));
    if (d.pending != null) {
      items.add(
          Sxp.list(
              Sxp.atom("pending"),
              Sxp.node("kind", d.pending.kind().name().toLowerCase()),
              Sxp.node("due", d.pending.dueMs())));
    }
    if (d.endState != null) {
      items.add(Sxp.node("end_state", d.endState));
    }
    items.add(Sxp.node("cpu_time", Double.toString(d.cpuTimeSec)));
    items.add(Sxp.node("running_since", d.runningSinceMs));
    items.add(Sxp.node("start_time", d.startMs));
    items.add(Sxp.node("restart_count", d.restartCount));
    if (!d.pci.isEmpty()) {
      List<Sxp> devs = new ArrayList<>();
      devs.add(Sxp.atom("pci"));
      for (xm.hypervisor.PciDevice p : d.pci) {
        devs.add(
            Sxp.list(
                Sxp.atom("dev"),
                Sxp.node("bdf", p.bdf()),
                Sxp.node("vslot", p.vslot() == null ? "auto" : Integer.toHexString(p.vslot()))));
      }
      items.add(Sxp.list(devs));
    }
    if (!d.vscsi.isEmpty()) {
      List<Sxp> devs = new ArrayList<>();
      devs.add(Sxp.atom("vscsi"));
      for (xm.hypervisor.ScsiDevice v : d.vscsi) {
        devs.add(
            Sxp.list(
                Sxp.atom("lun"),
                Sxp.node("p-dev", v.physHctl()),
                Sxp.node("p-devname", v.physDev()),
                Sxp.node("v-dev", v.virtHctl()),
                Sxp.node("backend", v.backend())));
      }
      items.add(Sxp.list(devs));
    }
    if (!d.sched.equals(xm.hypervisor.Sched.defaults(d.isDomain0()))) {
      xm.hypervisor.Sched sc = d.sched;
      items.add(
          Sxp.list(
              Sxp.atom("sched"),
              Sxp.node("weight", sc.weight()),
              Sxp.node("cap", sc.cap()),
              Sxp.node("period", Double.toString(sc.periodMs())),
              Sxp.node("slice", Double.toString(sc.sliceMs())),
              Sxp.node("latency", Double.toString(sc.latencyMs())),
              Sxp.node("extratime", sc.extratime()),
              Sxp.node("sedf_weight", sc.sedfWeight())));
    }
    items.add(Sxp.node("managed", d.managed ? 1 : 0));
    List<Sxp> handles = new ArrayList<>();
    handles.add(Sxp.atom("vif_handles"));
    for (int h : d.vifHandles) {
      handles.add(Sxp.atom(h));
    }
    items.add(Sxp.list(handles));
    items.add(Sxp.node("next_vif_handle", d.nextVifHandle));
    if (!d.annotations.isEmpty()) {
      List<Sxp> ann = new ArrayList<>();
      ann.add(Sxp.atom("annotations"));
      d.annotations.forEach((k, v) -> ann.add(Sxp.list(Sxp.atom(k), Sxp.atom(v))));
      items.add(Sxp.list(ann));
    }
    if (d.migration != null) {
      items.add(
          Sxp.list(
              Sxp.atom("migration"),
              Sxp.node("token", d.migration.token()),
              Sxp.node("role", d.migration.outgoing() ? "out" : "in"),
              Sxp.node("peer", d.migration.peer())));
    }
    return Sxp.list(items);
  }

  /** The state {@code text} holds, checked only against what holds on every host (see below). */
  static SimState read(String source, String text) {
    return read(source, text, null);
  }

  /**
   * The state {@code text} holds. Refuses, naming file:line:column, anything a host would not have
   * written: values out of {@link DomainLimits}, uuids that are not uuids, two domains with one
   * name, id or uuid, CPU time that is not a finite number and, when {@code host} is given,
   * affinity to CPUs it does not have and more memory than it has.
   */
  static SimState read(String source, String text, HostSpec host) {
    SxpReader r = SxpReader.of(SxpParser.parseOne(source, text), "xm-state", source);
    long format = r.longValue("format", FORMAT, 1, 1_000_000);
    if (format != FORMAT) {
      throw XmException.badInput(
          r.where("format"),
          "state format "
              + format
              + " is newer than this xm understands ("
              + FORMAT
              + "); upgrade xm");
    }
    SimState s = new SimState();
    s.nextDomid = (int) r.longValue("next_domid", 1, 1, Integer.MAX_VALUE);
    s.clockMs = r.longValue("clock", 0, 0, SimState.LATEST_MS);
    s.bootMs = r.longValue("boot_time", 0, 0, SimState.LATEST_MS);
    s.revision = r.longValue("revision", 0, 0, Long.MAX_VALUE);
    Set<String> names = new HashSet<>();
    Set<Integer> ids = new HashSet<>();
    Set<String> uuids = new HashSet<>();
    long allocated = 0;
    for (Sxp.SList node : r.node().children("domain")) {
      SimDomain d = domainFromSxp(node, source, host);
      if (!names.add(d.config.name())) {
        throw XmException.badInput(
            node.location(),
            "two domains are named '" + d.config.name() + "'; rename or remove one");
      }
      if (d.isActive() && !ids.add(d.id)) {
        throw XmException.badInput(
            node.location(), "two domains have id " + d.id + "; ids must be unique");
      }
      if (!uuids.add(d.uuid.toLowerCase(java.util.Locale.ROOT))) {
        throw XmException.badInput(
            SxpReader.of(node, "domain", source).where("uuid"),
            "two domains have uuid " + d.uuid + "; uuids must be unique (give one a new uuid)");
      }
      if (d.id >= s.nextDomid && d.id != 0) {
        throw XmException.badInput(
            node.location(), "domain id " + d.id + " is not below next_domid " + s.nextDomid);
      }
      allocated += d.isActive() ? d.config.memoryMiB() : 0;
      if (host != null && allocated > host.totalMemoryMiB()) {
        throw XmException.badInput(
            SxpReader.of(node.child("config"), "config", source).where("memory"),
            "the domains up to this one hold "
                + allocated
                + " MiB, more than the host's total_memory ("
                + host.totalMemoryMiB()
                + " MiB); lower its memory or remove a domain");
      }
      s.domains.add(d);
    }
    if (s.byId(0) == null) {
      throw XmException.badInput(
          r.where("next_domid"), "Domain-0 (domid 0) is missing from the state");
    }
    return s;
  }

  static SimDomain domainFromSxp(Sxp.SList node, String source) {
    return domainFromSxp(node, source, null);
  }

  /**
   * One {@code (domain ...)} node (of a state file, a save file or a migration), checked as {@link
   * #read} says.
   */
  static SimDomain domainFromSxp(Sxp.SList node, String source, HostSpec host) {
    SxpReader r = SxpReader.of(node, "domain", source);
    SimDomain d = new SimDomain();
    d.persistent = r.flag("persistent");
    d.inactive = r.string("inactive", null);
    if (d.inactive != null && !d.inactive.equals("halted") && !d.inactive.equals("suspended")) {
      throw XmException.badInput(r.where("inactive"), "inactive must be halted or suspended");
    }
    if (d.inactive != null && !d.persistent) {
      throw XmException.badInput(
          r.where("inactive"),
          "only a persistent domain (made by xm new) can be inactive; add (persistent 1) or remove the entry");
    }
    if (d.inactive != null) {
      if (node.child("domid") != null) {
        throw XmException.badInput(
            r.where("domid"), "an inactive domain has no id; remove (domid N) or (inactive ...)");
      }
      d.setId(-1);
    } else {
      d.setId((int) r.longValue("domid", -1, 0, Integer.MAX_VALUE));
      if (d.id < 0) {
        throw XmException.badInput(r.where("domid"), "a domain needs a (domid N) entry");
      }
    }
    if (d.persistent && d.id == 0) {
      throw XmException.badInput(r.where("persistent"), "Domain-0 is not a persistent domain");
    }
    d.setUuid(r.required("uuid"));
    if (!Uuids.isValid(d.uuid)) {
      throw XmException.badInput(r.where("uuid"), Uuids.problem(d.uuid));
    }
    Sxp.SList config = node.child("config");
    if (config == null) {
      throw XmException.badInput(r.where("config"), "a domain needs a (config ...) entry");
    }
    int cpus = host != null ? host.nrCpus() : MAX_CPUS;
    DomainLimits limits =
        d.isDomain0() ? SimCapabilities.LIMITS.withMaxVcpus(cpus) : SimCapabilities.LIMITS;
    d.setConfig(ConfigCodec.fromSxp(config, source, limits));
    if (d.config.uuid() != null && !d.config.uuid().equalsIgnoreCase(d.uuid)) {
      throw XmException.badInput(
          r.where("uuid"),
          "the domain's uuid "
              + d.uuid
              + " is not its config's ("
              + d.config.uuid()
              + "); make them one");
    }
    d.setOnlineVcpus((int) r.longValue("online_vcpus", d.config.vcpus(), 1, d.config.maxVcpus()));
    for (Sxp.SList a : node.children("affinity")) {
      List<Sxp> rest = a.rest();
      if (rest.isEmpty()) {
        throw XmException.badInput(a.location(), "(affinity VCPU CPU...) needs a VCPU number");
      }
      int vcpu =
          intAtom(
              rest.get(0),
              source,
              0,
              d.config.maxVcpus() - 1,
              "VCPU of a domain with maxvcpus " + d.config.maxVcpus());
      Set<Integer> pinned = new TreeSet<>();
      for (Sxp c : rest.subList(1, rest.size())) {
        pinned.add(
            intAtom(
                c,
                source,
                0,
                cpus - 1,
                host != null ? "CPU of this host (it has " + cpus + ")" : "CPU"));
      }
      d.pin(vcpu, pinned);
    }
    d.setPaused(r.flag("paused"));
    Sxp.SList p = node.child("pending");
    if (p != null) {
      SxpReader pr = SxpReader.of(p, "pending", source);
      SimDomain.Pending.Kind kind;
      try {
        kind =
            SimDomain.Pending.Kind.valueOf(pr.required("kind").toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw XmException.badInput(
            pr.where("kind"), "pending kind must be poweroff, halt, reboot or crash");
      }
      d.setPending(new SimDomain.Pending(kind, pr.longValue("due", 0, 0, SimState.LATEST_MS)));
    }
    d.setEndState(r.string("end_state", null));
    if (d.endState != null && !d.endState.equals("shutdown") && !d.endState.equals("crashed")) {
      throw XmException.badInput(r.where("end_state"), "end_state must be shutdown or crashed");
    }
    d.cpuTimeSec = r.doubleValue("cpu_time", 0);
    if (!(d.cpuTimeSec >= 0 && d.cpuTimeSec <= MAX_CPU_TIME_SEC)) {
      throw XmException.badInput(
          r.where("cpu_time"),
          "cpu_time must be a number of seconds from 0 to "
              + (long) MAX_CPU_TIME_SEC
              + ", not "
              + d.cpuTimeSec);
    }
    d.runningSinceMs = r.longValue("running_since", -1, -1, SimState.LATEST_MS);
    d.startMs = r.longValue("start_time", 0, 0, SimState.LATEST_MS);
    d.restartCount = (int) r.longValue("restart_count", 0, 0, Integer.MAX_VALUE);
    Sxp.SList pciList = node.child("pci");
    if (pciList != null) {
      List<xm.hypervisor.PciDevice> devs = new ArrayList<>();
      for (Sxp entry : pciList.rest()) {
        SxpReader pr = SxpReader.of(entry, "dev", source);
        String vslot = pr.string("vslot", "auto");
        xm.hypervisor.PciDevice dev =
            xm.hypervisor.PciDevice.parse(
                pr.string("bdf", ""),
                vslot.equals("auto") || !vslot.matches("[0-9a-f]{1,2}")
                    ? null
                    : Integer.parseInt(vslot, 16));
        if (dev == null) {
          throw XmException.badInput(
              pr.where("bdf"), "a PCI device needs a bdf such as 0000:00:19.0");
        }
        devs.add(dev);
      }
      d.pci = List.copyOf(devs);
    }
    Sxp.SList vscsiList = node.child("vscsi");
    if (vscsiList != null) {
      List<xm.hypervisor.ScsiDevice> devs = new ArrayList<>();
      for (Sxp entry : vscsiList.rest()) {
        SxpReader lr = SxpReader.of(entry, "lun", source);
        String phys = lr.string("p-dev", "");
        String virt = lr.string("v-dev", "");
        String dev = lr.string("p-devname", "");
        if (!xm.hypervisor.ScsiDevice.isHctl(phys)
            || !xm.hypervisor.ScsiDevice.isHctl(virt)
            || !dev.startsWith("/dev/")) {
          throw XmException.badInput(
              lr.where("p-dev"),
              "a vscsi LUN needs p-dev and v-dev as h:c:t:l and p-devname /dev/..");
        }
        devs.add(
            new xm.hypervisor.ScsiDevice(
                phys, dev, virt, (int) lr.longValue("backend", 0, 0, Integer.MAX_VALUE)));
      }
      d.vscsi = List.copyOf(devs);
    }
    Sxp.SList sched = node.child("sched");
    if (sched != null) {
      SxpReader sr = SxpReader.of(sched, "sched", source);
      int weight =
          (int)
              sr.longValue(
                  "weight", 256, xm.hypervisor.Sched.MIN_WEIGHT, xm.hypervisor.Sched.MAX_WEIGHT);
      int cap = (int) sr.longValue("cap", 0, 0, xm.hypervisor.Sched.maxCap(d.config.maxVcpus()));
      double period = sr.doubleValue("period", 100);
      double slice = sr.doubleValue("slice", 0);
      double latency = sr.doubleValue("latency", 0);
      for (double ms : new double[] {period, slice, latency}) {
        if (!(ms >= 0 && ms <= 10_000)) {
          throw XmException.badInput(sr.where("period"), "SEDF times must be from 0 to 10000 ms");
        }
      }
      d.sched =
          new xm.hypervisor.Sched(
              weight,
              cap,
              period,
              slice,
              latency,
              (int) sr.longValue("extratime", 1, 0, 1),
              (int) sr.longValue("sedf_weight", 0, 0, 65535));
    } else {
      d.sched = xm.hypervisor.Sched.defaults(d.id == 0);
    }
    d.setManaged(r.flag("managed"));
    Sxp.SList handles = node.child("vif_handles");
    if (handles != null) {
      for (Sxp h : handles.rest()) {
        d.vifHandles.add(intAtom(h, source, 0, Integer.MAX_VALUE - 1, "vif handle"));
      }
    }
    while (d.vifHandles.size() < d.config.vifs().size()) {
      d.vifHandles.add(d.vifHandles.isEmpty() ? 0 : d.vifHandles.get(d.vifHandles.size() - 1) + 1);
    }
    if (d.vifHandles.size() > d.config.vifs().size()) {
      throw XmException.badInput(
          handles.location(),
          "vif_handles lists "
              + d.vifHandles.size()
              + " interfaces but the config has "
              + d.config.vifs().size());
    }
    int maxHandle = -1;
    for (int h : d.vifHandles) {
      maxHandle = Math.max(maxHandle, h);
    }
    Sxp.SList ann = node.child("annotations");
    if (ann != null) {
      java.util.Map<String, String> read = new java.util.TreeMap<>();
      for (Sxp kv : ann.rest()) {
        if (kv instanceof Sxp.SList l
            && l.items().size() == 2
            && l.items().get(0) instanceof Sxp.Atom k
            && l.items().get(1) instanceof Sxp.Atom v) {
          read.put(k.value(), v.value());
        } else {
          throw XmException.badInput(
              kv.location() != null ? kv.location() : new xm.diag.Location(source, 1, 1),
              "annotations entries are (key value)");
        }
      }
      DomainLimits.Violation v = DomainLimits.annotationViolation(read);
      if (v != null) {
        throw XmException.badInput(
            ann.location() != null ? ann.location() : r.where("annotations"), v.message());
      }
      d.annotate(read);
    }
    d.nextVifHandle =
        (int) r.longValue("next_vif_handle", maxHandle + 1, maxHandle + 1, Integer.MAX_VALUE);
    Sxp.SList m = node.child("migration");
    if (m != null) {
      SxpReader mr = SxpReader.of(m, "migration", source);
      String role = mr.required("role");
      if (!role.equals("in") && !role.equals("out")) {
        throw XmException.badInput(mr.where("role"), "a migration's role is in or out");
      }
      String peer = mr.required("peer");
      if (!SimHosts.validName(peer)) {
        throw XmException.badInput(
            mr.where("peer"),
            "a migration's peer must be a host name (letters, digits, '.', '-', '_')");
      }
      String token = mr.required("token");
      if (!Uuids.isValid(token)) {
        throw XmException.badInput(
            mr.where("token"), "a migration's token is a uuid: " + Uuids.problem(token));
      }
      d.setMigration(new SimDomain.Migration(token, role.equals("out"), peer));
    }
    if (d.inactive != null) { // a definition that does not run has no runtime and holds nothing
      for (String runtime :
          new String[] {"paused", "pending", "end_state", "migration", "pci", "vscsi"}) {
        Sxp.SList e = node.child(runtime);
        if (e != null && !(runtime.equals("paused") && !d.paused)) {
          throw XmException.badInput(
              r.where(runtime),
              "an inactive domain has no (" + runtime + " ...): it does not run; remove the entry");
        }
      }
    }
    return d;
  }

  /**
   * The most CPUs any host has (HostSpec's bound): what affinity may name when the host is not
   * known.
   */
  private static final int MAX_CPUS = 64;

  /**
   * A thousand years of one VCPU: more than a domain can have run (a bound, so that Infinity is
   * refused).
   */
  private static final double MAX_CPU_TIME_SEC =
      1000.0 * 366 * 86400 * DomainLimits.XEN_3_4.maxVcpus();

  private static int intAtom(Sxp s, String source, int min, int max, String what) {
    xm.diag.Location at = s.location() != null ? s.location() : new xm.diag.Location(source, 1, 1);
    if (s instanceof Sxp.Atom a) {
      int n;
      try {
        n = Integer.parseInt(a.value());
      } catch (NumberFormatException e) {
        throw XmException.badInput(at, "expected a whole number");
      }
      if (n < min || n > max) {
        throw XmException.badInput(at, n + " is not a " + what + " (" + min + " to " + max + ")");
      }
      return n;
    }
    throw XmException.badInput(at, "expected a whole number");
  }

  // ---- journal records (see Journal) ------------------------------------------------------

  /**
   * The text of a journal record taking the state {@code before} described to {@code s}: the
   * host-level values that changed, the uuids of domains that left the list, and the text of each
   * domain that is new or changed (kept from its last printing when its values did not change, see
   * SimDomain#stateText). Replaying it with {@link Replay} gives exactly {@code s}: a domain
   * already in the list is replaced where it is, a new one is appended.
   */
  static byte[] commitText(Committed.Image before, SimState s) {
    StringBuilder head = new StringBuilder(128).append("(commit");
    if (s.nextDomid != before.nextDomid()) {
      head.append(ELEMENT).append("(next_domid ").append(s.nextDomid).append(')');
    }
    if (s.clockMs != before.clockMs()) {
      head.append(ELEMENT).append("(clock ").append(s.clockMs).append(')');
    }
    if (s.bootMs != before.bootMs()) {
      head.append(ELEMENT).append("(boot_time ").append(s.bootMs).append(')');
    }
    List<byte[]> changed = new ArrayList<>();
    String[] uuids = before.uuids();
    SimDomain.Seen[] seen = before.seen();
    int i = 0;
    for (SimDomain d : s.domains) {
      // domains leave the list or are appended to it, so the old list is walked once: each old
      // domain is either this one (changed or not) or gone
      while (i < uuids.length && !uuids[i].equals(d.uuid)) {
        head.append(ELEMENT).append(SxpPrinter.exactAt(Sxp.node("removed", uuids[i]), 4));
        i++;
      }
      if (i < uuids.length) {
        if (seen[i] != d.seen()) {
          changed.add(d.stateText());
        }
        i++;
      } else {
        changed.add(d.stateText());
      }
    }
    for (; i < uuids.length; i++) {
      head.append(ELEMENT).append(SxpPrinter.exactAt(Sxp.node("removed", uuids[i]), 4));
    }
    List<byte[]> parts = new ArrayList<>(2 * changed.size() + 2);
    parts.add(head.toString().getBytes(StandardCharsets.UTF_8));
    for (byte[] text : changed) {
      parts.add(ELEMENT_BYTES);
      parts.add(text);
    }
    parts.add(END);
    return new Pieces(parts).toArray();
  }

  /**
   * Journal records applied to a state read from the checkpoint, with the checks {@link #read}
   * makes of a whole state (each domain through {@link #domainFromSxp}; unique names and ids, ids
   * below next_domid, Domain-0 present), so that a record can bring in nothing the checkpoint could
   * not. Call {@link #finish} once all are applied.
   */
  static final class Replay {
    private final SimState s;
    private final HostSpec host;
    private final java.util.LinkedHashMap<String, SimDomain> byUuid =
        new java.util.LinkedHashMap<>();
    private final java.util.HashMap<String, String> uuidByName = new java.util.HashMap<>();
    private final java.util.HashMap<Integer, String> uuidById = new java.util.HashMap<>();

    Replay(SimState s, HostSpec host) {
      this.s = s;
      this.host = host;
      for (SimDomain d : s.domains) {
        add(d);
      }
    }

    private void add(SimDomain d) {
      byUuid.put(key(d.uuid), d);
      uuidByName.put(d.config.name(), key(d.uuid));
      if (d.isActive()) {
        uuidById.put(d.id, key(d.uuid));
      }
    }

    private static String key(String uuid) {
      return uuid.toLowerCase(java.util.Locale.ROOT);
    }

    private void drop(SimDomain d) {
      uuidByName.remove(d.config.name());
      if (d.isActive()) {
        uuidById.remove(d.id);
      }
    }

    /**
     * Applies the record {@code text} (read from {@code source}) that makes revision {@code to}.
     */
    void apply(String source, String text, long to) {
      SxpReader r = SxpReader.of(SxpParser.parseOne(source, text), "commit", source);
      int nextDomid = (int) r.longValue("next_domid", s.nextDomid, 1, Integer.MAX_VALUE);
      long bootMs = r.longValue("boot_time", s.bootMs, 0, SimState.LATEST_MS);
      boolean reboot = bootMs > s.bootMs;
      if (nextDomid < s.nextDomid && !reboot) {
        // ids are never reused while the host is up: every domain of the state is below the old
        // value
        throw XmException.badInput(
            r.where("next_domid"), "next_domid goes back from " + s.nextDomid + " to " + nextDomid);
      }
      s.nextDomid = nextDomid;
      s.clockMs = r.longValue("clock", s.clockMs, 0, SimState.LATEST_MS);
      s.bootMs = bootMs;
      s.revision = to;
      for (Sxp.SList node : r.node().children("removed")) {
        String uuid =
            node.rest().size() == 1 && node.rest().get(0) instanceof Sxp.Atom a ? a.value() : null;
        SimDomain gone = uuid == null ? null : byUuid.remove(key(uuid));
        if (gone == null) {
          throw XmException.badInput(
              node.location(), "(removed UUID) names no domain of the state");
        }
        drop(gone);
      }
      for (Sxp.SList node : r.node().children("domain")) {
        SimDomain d = domainFromSxp(node, source, host);
        SimDomain old = byUuid.get(key(d.uuid)); // uuids compare without case, as in read
        if (old != null) {
          drop(old);
        }
        String other = uuidByName.get(d.config.name());
        if (other != null) {
          throw XmException.badInput(
              node.location(),
              "two domains are named '" + d.config.name() + "'; rename or remove one");
        }
        if (d.isActive() && uuidById.get(d.id) != null) {
          throw XmException.badInput(
              node.location(), "two domains have id " + d.id + "; ids must be unique");
        }
        if (d.id >= s.nextDomid && d.id != 0) {
          throw XmException.badInput(
              node.location(), "domain id " + d.id + " is not below next_domid " + s.nextDomid);
        }
        add(d); // a domain already there keeps its place in the list (LinkedHashMap)
      }
      if (reboot) { // a reboot restarts the ids only because no guest survives it
        for (SimDomain d : byUuid.values()) {
          if (d.id != 0 && d.id >= s.nextDomid) {
            throw XmException.badInput(
                r.where("next_domid"),
                "next_domid "
                    + s.nextDomid
                    + " is not above the id of domain "
                    + d.config.name()
                    + " ("
                    + d.id
                    + "), which the reboot kept");
          }
        }
      }
    }

    /** Puts the domains back into the state's list, in order. */
    void finish(String source) {
      s.domains.clear();
      s.domains.addAll(byUuid.values());
      if (uuidById.get(0) == null) {
        throw XmException.badInput(
            new xm.diag.Location(source, 1, 1), "Domain-0 (domid 0) is missing from the state");
      }
      long allocated = 0;
      for (SimDomain d : s.domains) {
        allocated += d.isActive() ? d.config.memoryMiB() : 0;
      }
      if (host != null && allocated > host.totalMemoryMiB()) {
        throw XmException.badInput(
            new xm.diag.Location(source, 1, 1),
            "the domains hold "
                + allocated
                + " MiB, more than the host's total_memory ("
                + host.totalMemoryMiB()
                + " MiB); lower a domain's memory or remove one");
      }
    }
  }
}
