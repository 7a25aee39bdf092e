package xm.hypervisor.libvirt;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import xm.diag.XmException;
import xm.hypervisor.BlockDevice;
import xm.hypervisor.Capabilities;
import xm.hypervisor.ChangeEvent;
import xm.hypervisor.CreateOptions;
import xm.hypervisor.DeviceNumbers;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.DomainLimits;
import xm.hypervisor.HostInfo;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.NetDevice;
import xm.hypervisor.PowerState;
import xm.hypervisor.ShutdownMode;
import xm.hypervisor.StateFlags;
import xm.hypervisor.VcpuInfo;
import xm.hypervisor.VifSpec;

/**
 * A real host through libvirt's Java binding: the hypervisor port on one connection ({@code
 * xen:///system}, {@code qemu:///system}, {@code test:///default}). Domains are read back from
 * their XML ({@link DomainXml}); xm's own marks (managed, annotations, what libvirt has no element
 * for) live in the domain's {@code <metadata>}. A domain apply makes is persistent (defined, then
 * started); one {@code xm create} makes is transient, as xm's were. Every libvirt error becomes one
 * xm error line ({@link LibvirtErrors}). What this backend does not do yet says so in one line.
 */
public final class LibvirtHost implements Hypervisor {
  private static final int XML_INACTIVE = 2; // VIR_DOMAIN_XML_INACTIVE
  private static final int START_PAUSED = 1; // VIR_DOMAIN_START_PAUSED
  private static final int AFFECT_LIVE = 1;
  private static final int AFFECT_CONFIG = 2;
  private static final int METADATA_ELEMENT = 2; // VIR_DOMAIN_METADATA_ELEMENT
  private static final int LIST_ACTIVE = 1; // VIR_CONNECT_LIST_DOMAINS_ACTIVE

  /** One open connection: the process keeps one per URI. */
  record Link(String uri, Connect conn, String type) {}

  /** {@code VIR_DOMAIN_XML_INACTIVE}: a persistent domain's config rather than its live state. */
  private static final int INACTIVE_XML = 2;

  private static final long MIGRATE_LIVE = 1;
  private static final long MIGRATE_PERSIST_DEST = 8;
  private static final long MIGRATE_UNDEFINE_SOURCE = 16;

  private final String uri;
  private final Connect conn;
  private final String type;
  private final LibvirtAcm acm;

  /** The other libvirt hosts of this process, by URI (a migration's target). */
  private final java.util.function.Function<String, LibvirtHost> peers;

  LibvirtHost(Link link, LibvirtAcm acm, java.util.function.Function<String, LibvirtHost> peers) {
    this.peers = peers;
    this.uri = link.uri();
    this.conn = link.conn();
    this.type = link.type();
    this.acm = acm;
  }

  /** Opens a read-write connection to {@code uri}. */
  static Link connect(String uri) {
    Connect c = LibvirtErrors.call(uri, () -> new XmConnect(uri));
    String driver = LibvirtErrors.call(uri, () -> c.getType()).toLowerCase(java.util.Locale.ROOT);
    String type =
        driver.contains("xen")
            ? "xen"
            : driver.contains("test") ? "test" : driver.contains("qemu") ? "qemu" : driver;
    return new Link(uri, c, type);
  }

  public String uri() {
    return uri;
  }

  @Override
  public HostInfo info() {
    NodeInfo n = LibvirtErrors.call(uri, () -> conn.nodeInfo());
    long totalMiB = n.memory / 1024;
    long used = 0;
    for (DomainInfo d : domains(false)) {
      if (d.id() != null) {
        used += d.memoryMiB();
      }
    }
    Map<String, String> f = new LinkedHashMap<>();
    f.put("host", LibvirtErrors.call(uri, () -> conn.getHostName()));
    f.put("uri", uri);
    f.put("driver", type);
    f.put("machine", n.model);
    f.put("nr_cpus", Integer.toString(n.cpus));
    f.put("nr_nodes", Integer.toString(n.nodes));
    f.put("cores_per_socket", Integer.toString(n.cores));
    f.put("threads_per_core", Integer.toString(n.threads));
    f.put("cpu_mhz", Integer.toString(n.mhz));
    f.put("total_memory", Long.toString(totalMiB));
    f.put("free_memory", Long.toString(Math.max(0, totalMiB - used)));
    f.put("libvirt_version", Long.toString(LibvirtErrors.call(uri, () -> conn.getLibVersion())));
    return new HostInfo(f);
  }

  @Override
  public Capabilities capabilities() {
    Map<String, Capabilities.FieldMode> m = new LinkedHashMap<>();
    for (String live : new String[] {"memory", "vcpus", "state", "sched"}) {
      m.put(live, Capabilities.FieldMode.LIVE);
    }
    // devices are hot-plugged where the driver can (QEMU, Xen); libvirt's test driver cannot
    Capabilities.FieldMode devices =
        type.equals("test") ? Capabilities.FieldMode.RESTART : Capabilities.FieldMode.LIVE;
    m.put("disks", devices);
    m.put("vifs", devices);
    for (String restart :
        new String[] {
          "builder",
          "kernel",
          "ramdisk",
          "cmdline",
          "maxmem",
          "maxvcpus",
          "cpus",
          "onPoweroff",
          "onReboot",
          "onCrash",
          "security",
          "vtpms",
          "extras",
          "host"
        }) {
      m.put(restart, Capabilities.FieldMode.RESTART);
    }
    return new Capabilities(
        m, new DomainLimits(DomainLimits.MAX_MEMORY_MIB_ANY_HOST, 4096), false, true);
  }

  /** A fingerprint of every domain's XML and state: it moves whenever anything on the host does. */
  @Override
  public long revision() {
    CRC32 crc = new CRC32();
    for (DomainInfo d : domains(false)) {
      crc.update(
          (d.uuid() + d.power() + d.memoryMiB() + d.onlineVcpus() + d.config())
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return crc.getValue();
  }

  /**
   * libvirt does not say who changed what: no change events (drift causes read "changed outside
   * xm").
   */
  @Override
  public List<ChangeEvent> changes(long after) {
    return List.of();
  }

  @Override
  public boolean recordsChanges() {
    return false;
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public List<DomainInfo> domains() {
    return domains(true);
  }

  private List<DomainInfo> domains(boolean withSched) {
    // one call for every running domain (LIST_ACTIVE); a domain that is defined but shut off does
    // not
    // run, so, as on Xen, it is not listed (create replaces xm's own stale definitions)
    List<Domain> all = List.of(LibvirtErrors.call(uri, () -> conn.listAllDomains(LIST_ACTIVE)));
    List<DomainInfo> running = new ArrayList<>();
    for (Domain d : all) {
      try {
        running.add(view(d, withSched));
      } catch (RuntimeException gone) {
        // it ended between the listing and the read, or xm cannot represent it (a name xm does not
        // allow, metadata edited by hand): one such domain must not take the whole host from xm
      }
    }
    running.sort(java.util.Comparator.comparingInt(DomainInfo::id));
    return running;
  }

  @Override
  public DomainInfo domain(String ref) {
    Domain d = find(ref);
    try {
      DomainInfo v = view(d, true);
      if (v.id() == null) {
        throw XmException.noSuchDomain(ref); // defined, shut off: not a running domain
      }
      return v;
    } catch (RuntimeException unreadable) {
      if (unreadable instanceof XmException x) {
        throw x;
      }
      throw XmException.error(
          "libvirt ("
              + uri
              + "): domain '"
              + ref
              + "' cannot be read by xm: "
              + unreadable.getMessage());
    }
  }

  private Domain find(String ref) {
    try {
      if (ref.matches("[0-9]{1,9}")) {
        return conn.domainLookupByID(Integer.parseInt(ref));
      }
      if (xm.hypervisor.Uuids.isValid(ref)) {
        return conn.domainLookupByUUIDString(ref);
      }
      return conn.domainLookupByName(ref);
    } catch (LibvirtException e) {
      throw XmException.noSuchDomain(ref);
    }
  }

  /**
   * A domain as xm sees it, from two calls: its live XML (id, uuid, config, pins, xm's marks) and
   * its info.
   */
  /** {@link #view(Domain, boolean)} without scheduler parameters (xm's own checks and waits). */
  private DomainInfo view(Domain d) {
    return view(d, false);
  }

  /**
   * Domain {@code d} as xm sees it; its credit parameters are read only when {@code withSched} (two
   * more calls to libvirt per domain, which only listings shown to users and plans need).
   */
  private DomainInfo view(Domain d, boolean withSched) {
    return LibvirtErrors.call(
        uri,
        () -> {
          DomainXml.Parsed p = DomainXml.read(uri, d.getXMLDesc(0));
          org.libvirt.DomainInfo i = d.getInfo();
          boolean active =
              p.id() != null && i.state != org.libvirt.DomainInfo.DomainState.VIR_DOMAIN_SHUTOFF;
          PowerState power =
              switch (i.state) {
                case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> PowerState.RUNNING;
                case VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> PowerState.PAUSED;
                case VIR_DOMAIN_SHUTDOWN -> PowerState.SHUTDOWN;
                case VIR_DOMAIN_CRASHED -> PowerState.CRASHED;
                case VIR_DOMAIN_SHUTOFF -> PowerState.HALTED;
                default -> PowerState.UNKNOWN;
              };
          StateFlags flags =
              new StateFlags(
                  i.state == org.libvirt.DomainInfo.DomainState.VIR_DOMAIN_RUNNING,
                  i.state == org.libvirt.DomainInfo.DomainState.VIR_DOMAIN_BLOCKED,
                  power == PowerState.PAUSED,
                  power == PowerState.SHUTDOWN || power == PowerState.HALTED,
                  power == PowerState.CRASHED,
                  false);
          int online = active ? i.nrVirtCpu : p.config().vcpus();
          List<VcpuInfo> vcpus = new ArrayList<>();
          List<Integer> anyCpu = java.util.stream.IntStream.range(0, hostCpus()).boxed().toList();
          for (int v = 0; v < p.config().maxVcpus(); v++) {
            List<Integer> cpus = anyCpu;
            String pin = p.pins().get(v);
            if (pin != null && !pin.isBlank()) {
              try {
                cpus = new ArrayList<>(new java.util.TreeSet<>(xm.hypervisor.CpuSets.parse(pin)));
              } catch (XmException unreadable) {
                cpus = anyCpu;
              }
            }
            vcpus.add(new VcpuInfo(v, v < online, active && v < online, false, 0, 0, cpus));
          }
          List<BlockDevice> blocks = new ArrayList<>();
          for (DiskSpec disk : p.config().disks()) {
            blocks.add(
                new BlockDevice(
                    DeviceNumbers.of(disk.dev().replaceFirst(":.*$", "")), disk, 4, -1, -1, ""));
          }
          List<NetDevice> nets = new ArrayList<>();
          int handle = 0;
          for (VifSpec v : p.config().vifs()) {
            nets.add(new NetDevice(handle++, v, 0, 4, -1, -1, -1, ""));
          }
          long memMiB = active ? Math.max(1, i.memory / 1024) : p.config().memoryMiB();
          DomainConfig c = p.config();
          return new DomainInfo(
              active ? p.id() : null,
              c.uuid(),
              c,
              memMiB,
              Math.max(memMiB, i.maxMem / 1024),
              online,
              power,
              flags,
              i.cpuTime / 1e9,
              0,
              0,
              vcpus,
              p.managed(),
              blocks,
              nets,
              List.of(),
              p.annotations(),
              active && withSched ? schedOf(d) : xm.hypervisor.Sched.defaults(false));
        });
  }

  private volatile int hostCpus;

  private int hostCpus() {
    if (hostCpus == 0) {
      hostCpus = Math.max(1, LibvirtErrors.call(uri, () -> conn.nodeInfo()).cpus);
    }
    return hostCpus;
  }

  @Override
  public DomainInfo create(DomainConfig config, CreateOptions options, String origin) {
    acm.requireMayRun(
        config, domains(false)); // libvirt has no ACM: xm decides, as the embedded host does
    for (DomainInfo d : domains(false)) {
      if (d.name().equals(config.name())) {
        throw XmException.error(
            "Domain '" + config.name() + "' already exists with ID '" + d.id() + "'");
      }
    }
    Domain stale = null;
    try {
      stale = conn.domainLookupByName(config.name());
    } catch (LibvirtException none) {
      // no definition of that name: the usual case
    }
    if (stale != null) { // defined, shut off
      Domain old = stale;
      boolean ours =
          LibvirtErrors.call(uri, () -> DomainXml.read(uri, old.getXMLDesc(0)).managed());
      if (!ours) {
        throw XmException.error(
            "Domain '"
                + config.name()
                + "' is defined on "
                + uri
                + " (shut off) and xm did not make"
                + " it; start it with virsh, or undefine it, or choose another name");
      }
      LibvirtErrors.call(
          uri,
          () -> {
            old.undefine(); // xm's own definition, left by a stop or a failed start: the new one
            // replaces it
            return null;
          });
    }
    String xml = DomainXml.write(config, type, options.managed(), options.annotations());
    Domain d =
        LibvirtErrors.call(
            uri,
            () -> {
              if (options
                  .managed()) { // persistent: defined, then started (its config outlives a stop)
                Domain defined = conn.domainDefineXML(xml);
                try {
                  startPaused(
                      defined,
                      options.paused(),
                      () -> defined.create(START_PAUSED),
                      () -> defined.create(0));
                } catch (LibvirtException failed) {
                  defined.undefine(); // a create that did not start leaves nothing behind
                  throw failed;
                }
                return defined;
              }
              if (!options.paused()) {
                return conn.domainCreateXML(xml, 0);
              }
              Domain[] made = new Domain[1];
              startPaused(
                  null,
                  true,
                  () -> made[0] = conn.domainCreateXML(xml, START_PAUSED),
                  () -> made[0] = conn.domainCreateXML(xml, 0));
              return made[0];
            });
    return view(d);
  }

  private interface Start {
    Object run() throws LibvirtException;
  }

  /**
   * Starts a domain, paused when asked: with libvirt's start-paused flag where the driver has it,
   * else started and suspended at once (libvirt's test driver has no such flag).
   */
  private static void startPaused(Domain known, boolean paused, Start withFlag, Start plain)
      throws LibvirtException {
    if (!paused) {
      plain.run();
      return;
    }
    try {
      withFlag.run();
    } catch (LibvirtException e) {
      if (e.getError() == null
          || e.getError().getCode() != org.libvirt.Error.ErrorNumber.VIR_ERR_INVALID_ARG) {
        throw e;
      }
      Object made = plain.run();
      Domain d = known != null ? known : (Domain) made;
      d.suspend();
    }
  }

  @Override
  public void annotate(
      String ref, Boolean managed, Map<String, String> annotations, String origin) {
    Domain d = find(ref);
    LibvirtErrors.call(
        uri,
        () -> {
          DomainXml.Parsed p = DomainXml.read(uri, d.getXMLDesc(0));
          Map<String, String> now = new TreeMap<>(p.annotations());
          annotations.forEach(
              (k, v) -> {
                if (v == null) {
                  now.remove(k);
                } else {
                  now.put(k, v);
                }
              });
          writeMetadata(d, p.config(), managed != null ? managed : p.managed(), now);
          return null;
        });
  }

  /** Replaces xm's element in the domain's metadata (live, and in a persistent domain's config). */
  private void writeMetadata(
      Domain d, DomainConfig c, boolean managed, Map<String, String> annotations) {
    LibvirtErrors.call(
        uri,
        () -> {
          String element = DomainXml.metadata(c, type, managed, annotations);
          int flags = d.isPersistent() == 1 ? AFFECT_LIVE | AFFECT_CONFIG : AFFECT_LIVE;
          d.setMetadata(
              METADATA_ELEMENT,
              element,
              "xm",
              DomainXml.NS,
              d.isActive() == 1 ? flags : AFFECT_CONFIG);
          return null;
        });
  }

  @Override
  public void destroy(String ref, String origin) {
    Domain d = find(ref);
    DomainInfo before = view(d);
    LibvirtErrors.call(
        uri,
        () -> {
          if (d.isActive() == 1) {
            d.destroy();
          }
          if (before.managed() && d.isPersistent() == 1) {
            d.undefine(); // a domain xm manages goes as it does on Xen; one defined by hand
            // keeps its definition
          }
          return null;
        });
  }

  @Override
  public void shutdown(String ref, ShutdownMode mode, String origin) {
    Domain d = find(ref);
    LibvirtErrors.call(
        uri,
        () -> {
          if (mode == ShutdownMode.REBOOT) {
            d.reboot(0);
          } else {
            d.shutdown();
          }
          return null;
        });
  }

  @Override
  public void pause(String ref, String origin) {
    Domain d = find(ref);
    LibvirtErrors.call(
        uri,
        () -> {
          d.suspend();
          return null;
        });
  }

  @Override
  public void unpause(String ref, String origin) {
    Domain d = find(ref);
    DomainInfo self = view(d);
    if (self.config().securityLabel() != null) {
      acm.requireMayRun(self.config().withDevices(List.of(), List.of()), domains(false));
    }
    LibvirtErrors.call(
        uri,
        () -> {
          d.resume();
          return null;
        });
  }

  /**
   * Moves the balloon; the guest's balloon driver does the moving, so this waits up to five seconds
   * for the guest to get there and reports a change it did not make as pending, not done.
   */
  @Override
  public void setMemory(String ref, long mib, String origin) {
    Domain d = find(ref);
    LibvirtErrors.call(
        uri,
        () -> {
          DomainXml.Parsed p = DomainXml.read(uri, d.getXMLDesc(0));
          if (d.isActive() == 1) {
            d.setMemory(mib * 1024); // the live balloon target
          }
          if (d.isPersistent()
              == 1) { // and the config's, so a restart keeps it (the binding has no setMemoryFlags)
            conn.domainDefineXML(
                DomainXml.withCurrentMemory(uri, d.getXMLDesc(INACTIVE_XML), mib * 1024));
          }
          writeMetadata(
              d, p.config().withMemory(mib, p.config().maxmemMiB()), p.managed(), p.annotations());
          return null;
        });
    if (LibvirtErrors.call(uri, () -> d.isActive()) != 1) {
      return;
    }
    if (!waitUntil(() -> Math.abs(actualMiB(d) - mib) <= 1, Duration.ofSeconds(5))) {
      throw XmException.error(
          "mem-set "
              + mib
              + " MiB of "
              + view(d).name()
              + " is pending: the host has the target,"
              + " but the guest still holds "
              + actualMiB(d)
              + " MiB after 5 s (libvirt "
              + uri
              + "; a guest without a"
              + " balloon driver never gives memory back)");
    }
  }

  /**
   * Polls {@code done} every 200 ms for up to {@code limit}: whether it came true (false on time
   * out, or when the thread is interrupted). What the guest has not acknowledged by then is
   * pending.
   */
  private static boolean waitUntil(java.util.function.BooleanSupplier done, Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() >= end) {
        return false;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private long actualMiB(Domain d) {
    return LibvirtErrors.call(uri, () -> Math.max(1, d.getInfo().memory / 1024));
  }

  @Override
  public void setMaxMemory(String ref, long mib, String origin) {
    Domain d = find(ref);
    LibvirtErrors.call(
        uri,
        () -> {
          d.setMaxMemory(mib * 1024);
          return null;
        });
  }

  @Override
  public void setVcpus(String ref, int n, String origin) {
    Domain d = find(ref);
    DomainInfo now = view(d);
    if (n < 1 || n > now.config().maxVcpus()) {
      throw XmException.error(
          "Invalid number of VCPUs "
              + n
              + ": domain "
              + now.name()
              + " has maxvcpus "
              + now.config().maxVcpus());
    }
    try {
      LibvirtErrors.call(
          uri,
          () -> {
            if (d.isPersistent() == 1 && d.isActive() == 1) {
              d.setVcpusFlags(
                  n,
                  AFFECT_LIVE | AFFECT_CONFIG); // the live domain and its config, never one of them
            } else {
              d.setVcpus(n);
            }
            return null;
          });
    } catch (XmException e) {
      if (e.getMessage().contains("unplug request timed out")) {
        awaitVcpus(
            d, n, now.name()); // QEMU asked the guest to eject a VCPU; a slow guest answers late
      } else if (e.getMessage().contains("unplug request for not supported device type")
          || e.getMessage().contains("hot unplug not supported")) {
        throw XmException.error(
            "vcpu-set "
                + n
                + " of "
                + now.name()
                + ": this guest cannot give VCPUs back while it runs"
                + " (it has not taken up ACPI CPU hotplug: no OS, or one without it); "
                + e.getMessage());
      } else {
        throw e;
      }
    }
  }

  /**
   * Waits up to ten more seconds for a VCPU unplug the guest has been asked for; then it is
   * pending.
   */
  private void awaitVcpus(Domain d, int n, String name) {
    if (!waitUntil(
        () -> LibvirtErrors.call(uri, () -> d.getInfo().nrVirtCpu) <= n, Duration.ofSeconds(10))) {
      throw XmException.error(
          "vcpu-set "
              + n
              + " of "
              + name
              + " is pending: the guest has not released its VCPUs"
              + " after 15 s (libvirt "
              + uri
              + "); they go when it acknowledges, or at the domain's next restart");
    }
  }

  /**
   * Pins VCPU {@code vcpu} to {@code cpus} (null: every CPU), as a cpumap of one bit per host CPU.
   */
  @Override
  public void pinVcpu(String ref, int vcpu, Set<Integer> cpus, String origin) {
    Domain d = find(ref);
    int n = hostCpus();
    int[] map = new int[(n + 7) / 8];
    for (int c = 0; c < n; c++) {
      if (cpus == null || cpus.contains(c)) {
        map[c / 8] |= 1 << (c % 8);
      }
    }
    if (cpus != null && cpus.stream().anyMatch(c -> c < 0 || c >= n)) {
      throw XmException.error("Invalid CPU list: host " + uri + " has CPUs 0-" + (n - 1));
    }
    int count = vcpu >= 0 ? 1 : view(d).onlineVcpus(); // -1: every VCPU ("all")
    LibvirtErrors.call(
        uri,
        () -> {
          for (int v = vcpu >= 0 ? vcpu : 0; v < (vcpu >= 0 ? vcpu + 1 : count); v++) {
            d.pinVcpu(v, map);
          }
          return null;
        });
  }

  /**
   * Saves the domain's memory to {@code file} (a path on the libvirt host) and stops it, as xm save
   * did; a persistent domain keeps its definition (shut off) as libvirt keeps it, so restore finds
   * it again.
   */
  @Override
  public void save(String ref, Path file, String origin) {
    Domain d = find(ref);
    LibvirtErrors.call(
        uri,
        () -> {
          d.save(file.toAbsolutePath().toString());
          return null;
        });
  }

  @Override
  public DomainInfo restore(Path file, boolean paused, String origin) {
    List<DomainInfo> before = domains(false);
    // libvirt has no ACM: xm decides on the saved domain before it runs, as the embedded host does
    DomainXml.Parsed saved =
        DomainXml.read(uri, SaveImages.xml(conn, uri, file.toAbsolutePath().toString()));
    acm.requireMayRun(saved.config(), before);
    java.util.Set<String> runningBefore = new java.util.HashSet<>();
    before.stream().filter(x -> x.id() != null).forEach(x -> runningBefore.add(x.uuid()));
    LibvirtErrors.call(
        uri,
        () -> {
          conn.restore(file.toAbsolutePath().toString());
          return null;
        });
    DomainInfo restored =
        domains(false).stream()
            .filter(x -> x.id() != null && !runningBefore.contains(x.uuid()))
            .findFirst()
            .orElse(null); // the one domain that runs now and did not before
    if (restored == null) {
      throw XmException.error(
          "libvirt (" + uri + ") restored " + file + " but xm cannot find the domain it made");
    }
    if (paused) {
      pause(restored.uuid(), origin);
    }
    return domain(restored.uuid());
  }

  /**
   * Migrates {@code ref} to {@code target}: a libvirt URI, or a machine's name, which means this
   * host's driver on that machine over SSH ({@code kvm2} from {@code qemu:///system} is {@code
   * qemu+ssh://kvm2/system}), as virsh users write it. A persistent domain stays persistent there
   * and leaves no definition here. The target's access control decides first, as for a create
   * there. {@code resourceMbs} (xm's megabits per second) becomes libvirt's bandwidth limit.
   */
  @Override
  public void migrate(String ref, String target, boolean live, int resourceMbs, String origin) {
    String targetUri = MigrationTarget.uri(uri, target);
    Domain d = find(ref);
    DomainInfo info = view(d);
    if (info.id() == null) {
      throw XmException.error("Domain is not running");
    }
    if (targetUri.equals(uri)) {
      throw XmException.error(
          "libvirt cannot migrate " + info.name() + " to the host it runs on (" + uri + ")");
    }
    LibvirtHost dst = peers.apply(targetUri);
    dst.acm.requireMayRun(info.config(), dst.domains(false));
    LibvirtErrors.call(
        uri,
        () -> {
          boolean persistent = d.isPersistent() == 1;
          long flags =
              (live ? MIGRATE_LIVE : 0)
                  | (persistent ? MIGRATE_PERSIST_DEST | MIGRATE_UNDEFINE_SOURCE : 0);
          d.migrate(
              dst.conn, flags, null, null, resourceMbs <= 0 ? 0 : Math.max(1, resourceMbs / 8));
          return null;
        });
  }

  /**
   * Keeps xm's record of the disks' names as given ({@code xvdb} for libvirt's {@code vdb}, {@code
   * phy:hda4} as written) in step with a disk attached or detached.
   */
  private void rememberDisks(Domain d, DiskSpec attached, DiskSpec detached) {
    LibvirtErrors.call(
        uri,
        () -> {
          DomainXml.Parsed p = DomainXml.read(uri, d.getXMLDesc(0));
          List<DiskSpec> disks = new ArrayList<>();
          for (DiskSpec x : p.config().disks()) {
            String t = DiskTargets.toLibvirt(x.dev(), type);
            if (detached != null && t.equals(DiskTargets.toLibvirt(detached.dev(), type))) {
              continue;
            }
            disks.add(
                attached != null && t.equals(DiskTargets.toLibvirt(attached.dev(), type))
                    ? attached
                    : x);
          }
          writeMetadata(
              d, p.config().withDevices(disks, p.config().vifs()), p.managed(), p.annotations());
          return null;
        });
  }

  /**
   * Keeps xm's record of the vifs as given (the options libvirt has no element for, whether a model
   * was asked for) in step with an interface attached (the last one now) or detached.
   */
  private void rememberVifs(Domain d, VifSpec attached, int detachedHandle) {
    LibvirtErrors.call(
        uri,
        () -> {
          DomainXml.Parsed p = DomainXml.read(uri, d.getXMLDesc(0));
          List<VifSpec> vifs = new ArrayList<>(p.config().vifs());
          if (attached != null && !vifs.isEmpty()) {
            VifSpec live = vifs.get(vifs.size() - 1);
            VifSpec given =
                attached.option("mac") == null && live.option("mac") != null
                    ? attached.with("mac", live.option("mac"))
                    : attached;
            vifs.set(vifs.size() - 1, given);
          }
          writeMetadata(
              d, p.config().withDevices(p.config().disks(), vifs), p.managed(), p.annotations());
          return null;
        });
  }

  /** Where a device change goes: the live domain and, for a persistent one, its config too. */
  private static int deviceFlags(Domain d) throws LibvirtException {
    boolean active = d.isActive() == 1;
    boolean persistent = d.isPersistent() == 1;
    return active ? (persistent ? AFFECT_LIVE | AFFECT_CONFIG : AFFECT_LIVE) : AFFECT_CONFIG;
  }

  @Override
  public BlockDevice attachBlock(String ref, DiskSpec disk, String origin) {
    Domain d = find(ref);
    acm.requireMayUse(acm.active(), view(d).config().securityLabel(), List.of(disk), List.of());
    LibvirtErrors.call(
        uri,
        () -> {
          d.attachDeviceFlags(DomainXml.diskXml(disk, type), deviceFlags(d));
          return null;
        });
    rememberDisks(d, disk, null);
    DomainInfo now = view(d);
    return now.blockDevices().stream()
        .filter(b -> b.spec().dev().equals(disk.dev()))
        .findFirst()
        .orElseThrow(
            () ->
                XmException.error(
                    "libvirt (" + uri + ") attached " + disk.dev() + " but does not list it"));
  }

  @Override
  public void detachBlock(String ref, String device, boolean force, String origin) {
    Domain d = find(ref);
    int devnum = DeviceNumbers.of(device);
    BlockDevice b =
        view(d).blockDevices().stream()
            .filter(x -> x.devnum() == devnum || x.spec().dev().equals(device))
            .findFirst()
            .orElseThrow(() -> XmException.error("Device " + device + " not connected"));
    LibvirtErrors.call(
        uri,
        () -> {
          d.detachDeviceFlags(DomainXml.diskXml(b.spec(), type), deviceFlags(d));
          return null;
        });
    awaitGone(
        () -> view(d).blockDevices().stream().anyMatch(x -> x.devnum() == b.devnum()),
        "block device " + device);
    rememberDisks(d, null, b.spec());
  }

  @Override
  public NetDevice attachNetwork(String ref, VifSpec vif, String origin) {
    Domain d = find(ref);
    acm.requireMayUse(acm.active(), view(d).config().securityLabel(), List.of(), List.of(vif));
    LibvirtErrors.call(
        uri,
        () -> {
          d.attachDeviceFlags(DomainXml.vifXml(vif), deviceFlags(d));
          return null;
        });
    rememberVifs(d, vif, -1);
    List<NetDevice> nets = view(d).netDevices();
    return nets.get(nets.size() - 1);
  }

  @Override
  public void detachNetwork(String ref, String handle, boolean force, String origin) {
    Domain d = find(ref);
    List<NetDevice> nets = view(d).netDevices();
    NetDevice n =
        nets.stream()
            .filter(
                x ->
                    Integer.toString(x.handle()).equals(handle) || handle.equalsIgnoreCase(x.mac()))
            .findFirst()
            .orElseThrow(() -> XmException.error("Device " + handle + " not connected"));
    LibvirtErrors.call(
        uri,
        () -> {
          d.detachDeviceFlags(DomainXml.vifXml(n.spec()), deviceFlags(d));
          return null;
        });
    awaitGone(
        () ->
            view(d).netDevices().stream().anyMatch(x -> x.mac() != null && x.mac().equals(n.mac())),
        "network interface " + handle);
    rememberVifs(d, null, n.handle());
  }

  /**
   * A detach is asynchronous on a running guest (QEMU asks the guest to let go): waits up to ten
   * seconds, and reports a device the guest did not release as pending rather than done.
   */
  private void awaitGone(java.util.function.BooleanSupplier stillThere, String what) {
    if (!waitUntil(() -> !stillThere.getAsBoolean(), Duration.ofSeconds(10))) {
      throw XmException.error(
          "the detach of "
              + what
              + " is pending: the guest has not released it after 10 s"
              + " (libvirt "
              + uri
              + "); it goes when the guest acknowledges it, or at the domain's next restart");
    }
  }

  /**
   * xm's credit model, mapped onto each domain's libvirt scheduler parameters ({@link
   * SchedMapping}); libvirt has no EDF parameters, so sched-sedf says so.
   */
  @Override
  public String scheduler() {
    return "credit";
  }

  @Override
  public void schedCredit(String ref, Integer weight, Integer cap, String origin) {
    Domain d = find(ref);
    LibvirtErrors.call(
        uri,
        () -> {
          String type = d.getSchedulerType();
          Map<String, String> now = schedParams(d);
          xm.hypervisor.Sched cur = SchedMapping.read(type, now);
          int w = weight == null ? cur.weight() : weight;
          int c = cap == null ? cur.cap() : cap;
          List<org.libvirt.SchedParameter> params = new ArrayList<>();
          for (Map.Entry<String, SchedMapping.Typed> e :
              SchedMapping.write(type, uri, w, c, now).entrySet()) {
            org.libvirt.SchedParameter p =
                switch (e.getValue().kind()) {
                  case UINT -> new org.libvirt.SchedUintParameter((int) e.getValue().value());
                  case ULLONG -> new org.libvirt.SchedUlongParameter(e.getValue().value());
                  case LLONG -> new org.libvirt.SchedLongParameter(e.getValue().value());
                };
            p.field = e.getKey();
            params.add(p);
          }
          d.setSchedulerParameters(params.toArray(new org.libvirt.SchedParameter[0]));
          return null;
        });
  }

  @Override
  public void schedSedf(
      String ref,
      Double periodMs,
      Double sliceMs,
      Double latencyMs,
      Integer extratime,
      Integer weight,
      String origin) {
    throw XmException.error(wrongScheduler("sedf"));
  }

  // xend's lifecycle support (xm new, start, delete, suspend, resume): not on libvirt hosts yet.
  // libvirt keeps definitions of its own, which xm's listing of running domains leaves aside.

  private XmException noLifecycle(String command, String virsh) {
    return XmException.error(
        "xm "
            + command
            + " is not available on libvirt hosts yet ("
            + uri
            + "): libvirt keeps definitions its own way; use virsh -c "
            + uri
            + " "
            + virsh);
  }

  @Override
  public DomainInfo define(DomainConfig config, CreateOptions options, String origin) {
    throw noLifecycle("new", "define");
  }

  @Override
  public DomainInfo start(String ref, boolean paused, String origin) {
    throw noLifecycle("start", "start");
  }

  @Override
  public void delete(String ref, String origin) {
    throw noLifecycle("delete", "undefine");
  }

  @Override
  public void suspend(String ref, String origin) {
    throw noLifecycle("suspend", "managedsave");
  }

  @Override
  public DomainInfo resume(String ref, boolean paused, String origin) {
    throw noLifecycle("resume", "start (after managedsave)");
  }

  @Override
  public String wrongScheduler(String wanted) {
    return "libvirt (" + uri + ") has no EDF scheduler parameters: use sched-credit";
  }

  /** A domain's scheduler parameters as libvirt prints them, name to value. */
  private static Map<String, String> schedParams(Domain d) throws org.libvirt.LibvirtException {
    Map<String, String> m = new LinkedHashMap<>();
    for (org.libvirt.SchedParameter p : d.getSchedulerParameters()) {
      m.put(p.field, p.getValueAsString());
    }
    return m;
  }

  /**
   * The credit parameters of running domain {@code d}; Xen's defaults where libvirt cannot tell (no
   * cgroups).
   */
  private static xm.hypervisor.Sched schedOf(Domain d) {
    try {
      return SchedMapping.read(d.getSchedulerType(), schedParams(d));
    } catch (org.libvirt.LibvirtException | RuntimeException unknown) {
      return xm.hypervisor.Sched.defaults(false);
    }
  }

  @Override
  public void sysrq(String ref, char key, String origin) {
    throw unsupported("sysrq");
  }

  /** libvirt keeps no console output: the console is a terminal session, {@link #consoleClient}. */
  @Override
  public List<String> console(String ref) {
    throw XmException.error(
        "the console of a domain on "
            + uri
            + " is a terminal session (virsh console): run xm"
            + " console on a terminal");
  }

  @Override
  public java.util.Optional<List<String>> consoleClient(String ref) {
    return java.util.Optional.of(List.of("virsh", "-c", uri, "console", view(find(ref)).uuid()));
  }

  @Override
  public String dmesg(boolean clear) {
    throw unsupported("dmesg");
  }

  @Override
  public void log(java.util.function.Consumer<String> line) {
    throw unsupported("log");
  }

  @Override
  public boolean await(Predicate<List<DomainInfo>> condition, Duration timeout) {
    return waitUntil(() -> condition.test(domains(false)), timeout);
  }

  @Override
  public java.util.Optional<xm.acm.SecurityPolicy> activePolicy() {
    return acm.active();
  }

  /**
   * Makes {@code policy} active for this host, refused whole by the embedded host's rules; relabels
   * renamed labels.
   */
  @Override
  public void loadPolicy(xm.acm.SecurityPolicy policy, String origin) {
    List<DomainInfo> now = domains(false);
    acm.denyLoad(policy, now)
        .ifPresent(
            why -> {
              throw XmException.error(
                  "Cannot load policy " + policy.name() + ": " + why + "; nothing was changed");
            });
    acm.activate(policy);
    for (DomainInfo d : now) {
      xm.hypervisor.SecurityLabel l = d.config().securityLabel();
      if (l != null && policy.relabels(l.policy())) {
        xm.acm.ChineseWall.renamed(policy, l.label())
            .filter(v -> !v.name().equals(l.label()) || !l.policy().equals(policy.name()))
            .ifPresent(
                v ->
                    writeMetadata(
                        find(d.uuid()),
                        d.config()
                            .withSecurityLabel(
                                new xm.hypervisor.SecurityLabel(policy.name(), v.name())),
                        d.managed(),
                        d.annotations()));
      }
    }
  }

  @Override
  public java.util.Map<String, xm.hypervisor.ResourceLabels.Entry> resourceLabels() {
    return acm.resources().read();
  }

  @Override
  public void labelResource(String resource, String policy, String label, String origin) {
    List<DomainInfo> running = domains(false);
    acm.resources()
        .update(
            m -> {
              xm.hypervisor.ResourceLabels.Entry e =
                  new xm.hypervisor.ResourceLabels.Entry(resource, policy, label);
              acm.requireNotInUse(resource, m, e, running, uri);
              m.put(resource, e);
            });
  }

  @Override
  public void unlabelResource(String resource, String origin) {
    List<DomainInfo> running = domains(false);
    acm.resources()
        .update(
            m -> {
              if (!m.containsKey(resource)) {
                throw XmException.error("'Resource not labeled'");
              }
              acm.requireNotInUse(resource, m, null, running, uri);
              m.remove(resource);
            });
  }

  /**
   * The connection stays open for the process: each command's host is the process's one connection
   * to the URI.
   */
  @Override
  public void close() {}

  private XmException notYet(String command) {
    return XmException.error(
        "xm " + command + " is not available on libvirt hosts yet (" + uri + ")");
  }

  private XmException unsupported(String command) {
    return XmException.error(
        "xm " + command + " has no libvirt equivalent: host " + uri + " cannot do it");
  }
}
