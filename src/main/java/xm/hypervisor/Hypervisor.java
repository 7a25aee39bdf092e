package xm.hypervisor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The port to a Xen (or libvirt) host: what it can report and do. A domain is named by a reference:
 * its name, its id, or its uuid. Failures are {@link xm.diag.XmException}s; an unknown reference is
 * {@code NO_SUCH_DOMAIN}. Implementations are safe to use from several threads and several
 * processes at once; each call is atomic on the host.
 *
 * <p>Shutdown and reboot are asynchronous, as on Xen: the call returns once the guest has been
 * asked, and {@link #await} waits for the outcome.
 */
public interface Hypervisor extends AutoCloseable {

  HostInfo info();

  /** What this backend changes live, what needs a restart, and its limits. */
  Capabilities capabilities();

  /**
   * The host's revision: it grows by one with every change the host commits, whoever makes it (a
   * saved plan is stale when the revision moved).
   */
  long revision();

  /**
   * The changes committed after revision {@code after}, oldest first. The history is bounded: the
   * oldest events may have been dropped.
   */
  List<ChangeEvent> changes(long after);

  /** The host's clock (a simulated host may run on a clock tests control). */
  java.time.Instant now();

  /** All domains, Domain-0 included, in no particular order. */
  List<DomainInfo> domains();

  /** The domain {@code ref} names. */
  DomainInfo domain(String ref);

  /** Builds and starts a domain as {@code options} say. Returns it as built. */
  DomainInfo create(DomainConfig config, CreateOptions options, String origin);

  /** Builds and starts a domain nobody manages (what {@code xm create} does). */
  default DomainInfo create(DomainConfig config, boolean paused, String origin) {
    return create(config, CreateOptions.plain(paused), origin);
  }

  /**
   * Marks a domain managed (or not) and sets annotations; a null value removes that annotation.
   * Used by adopt, release and holds.
   */
  void annotate(
      String ref, Boolean managed, java.util.Map<String, String> annotations, String origin);

  void destroy(String ref, String origin);

  /** Asks the guest to shut down or reboot; returns at once. */
  void shutdown(String ref, ShutdownMode mode, String origin);

  void pause(String ref, String origin);

  void unpause(String ref, String origin);

  /** Balloons the domain to {@code mib} (within its maxmem). */
  void setMemory(String ref, long mib, String origin);

  /** Sets the ceiling the domain may balloon to. */
  void setMaxMemory(String ref, long mib, String origin);

  /** Enables VCPUs 0..n-1 and disables the rest (n within the boot maximum). */
  void setVcpus(String ref, int n, String origin);

  /** Pins one VCPU ({@code vcpu >= 0}) or all ({@code vcpu == -1}) to {@code cpus}. */
  void pinVcpu(String ref, int vcpu, Set<Integer> cpus, String origin);

  /** Stops the domain and writes its state to {@code file}; the domain is gone afterwards. */
  void save(String ref, Path file, String origin);

  /** Rebuilds a domain from a file {@link #save} wrote. */
  DomainInfo restore(Path file, boolean paused, String origin);

  /** Moves the domain to {@code targetHost}; it exists on exactly one of the two afterwards. */
  void migrate(String ref, String targetHost, boolean live, int resourceMbs, String origin);

  /**
   * Hot-plugs a block device: the backend must exist and its sharing mode allow it (w: no other
   * domain uses it; r: no other domain writes it; w!: no check), and the frontend must be free.
   */
  BlockDevice attachBlock(String ref, DiskSpec disk, String origin);

  /**
   * Unplugs the block device named by its number ({@code 51713}) or frontend name ({@code xvda1}).
   */
  void detachBlock(String ref, String device, boolean force, String origin);

  /**
   * Hot-plugs a network interface; the host assigns the next index and, if none is given, a MAC.
   */
  NetDevice attachNetwork(String ref, VifSpec vif, String origin);

  /** Unplugs the network interface with index {@code handle}. */
  void detachNetwork(String ref, String handle, boolean force, String origin);

  // ---- xend's lifecycle support: domains that stay defined while they do not run -------------

  /**
   * {@code xm new}: defines a domain without starting it; it is listed (halted, no id) until {@code
   * xm delete}, and stays defined when it stops.
   */
  default DomainInfo define(DomainConfig config, CreateOptions options, String origin) {
    throw xm.diag.XmException.error("this host cannot keep a domain defined while it does not run");
  }

  /**
   * Makes the halted definition {@code ref} anew from {@code config}, keeping its uuid, in one step
   * (what apply does when a definition's spec changed: never a moment with none).
   */
  default DomainInfo redefine(
      String ref, DomainConfig config, CreateOptions options, String origin) {
    throw xm.diag.XmException.error("this host cannot keep a domain defined while it does not run");
  }

  /**
   * {@code xm start}: boots a halted defined domain under a new id, unpaused unless {@code paused}.
   */
  default DomainInfo start(String ref, boolean paused, String origin) {
    throw xm.diag.XmException.error("this host cannot keep a domain defined while it does not run");
  }

  /** {@code xm delete}: removes a halted defined domain. */
  default void delete(String ref, String origin) {
    throw xm.diag.XmException.error("this host cannot keep a domain defined while it does not run");
  }

  /**
   * {@code xm suspend}: saves a running defined domain to the host's own checkpoint; it stops,
   * suspended.
   */
  default void suspend(String ref, String origin) {
    throw xm.diag.XmException.error("this host cannot suspend a domain");
  }

  /** {@code xm resume}: runs a suspended domain again from its checkpoint, under a new id. */
  default DomainInfo resume(String ref, boolean paused, String origin) {
    throw xm.diag.XmException.error("this host cannot suspend a domain");
  }

  /**
   * {@code xm block-configure}: changes the media of a read-only CD-ROM the domain has at {@code
   * disk}'s device; anything else is refused, as Xen refused it.
   */
  default void configureBlock(String ref, DiskSpec disk, String origin) {
    throw xm.diag.XmException.error("this host cannot change a CD-ROM's media");
  }

  /**
   * {@code xm save -c}: writes the domain's state to {@code file} and leaves it running (a
   * checkpoint).
   */
  default void checkpoint(String ref, Path file, String origin) {
    throw xm.diag.XmException.error("this host cannot checkpoint a domain and keep it running");
  }

  /** {@code xm rename}: gives the domain another name (create's name rules). */
  default void rename(String ref, String newName, String origin) {
    throw xm.diag.XmException.error("this host cannot rename a domain");
  }

  /**
   * {@code xm reset}: destroys the domain and builds it again from its config, under a new id,
   * unpaused.
   */
  default void reset(String ref, String origin) {
    throw xm.diag.XmException.error("this host cannot reset a domain");
  }

  /**
   * {@code xm trigger}: sends nmi, reset, init, s3resume or power to the domain's VCPU {@code
   * vcpu}.
   */
  default void trigger(String ref, String trigger, int vcpu, String origin) {
    throw xm.diag.XmException.error("this host cannot send triggers");
  }

  /**
   * {@code xm debug-keys}: each character as a key pressed on Xen's console; the output goes to
   * dmesg.
   */
  default void debugKeys(String keys, String origin) {
    throw xm.diag.XmException.error("this host has no Xen console to send debug keys to");
  }

  /**
   * {@code xm dump-core}: writes the domain's memory image to {@code file}, pausing it meanwhile
   * unless {@code live}; then destroys it ({@code crash}) or resets it ({@code reset}).
   */
  default void dumpCore(
      String ref, Path file, boolean live, boolean crash, boolean reset, String origin) {
    throw xm.diag.XmException.error("this host cannot dump a domain's core");
  }

  /** The PCI devices bound to pciback that no domain holds (pci-list-assignable-devices). */
  default List<PciDevice> pciAssignable() {
    throw xm.diag.XmException.error("this host has no PCI devices to pass through");
  }

  /** The PCI devices passed through to a domain. */
  default List<PciDevice> pciDevices(String ref) {
    return List.of();
  }

  /**
   * pci-attach: gives a guest a host PCI device (one domain at a time); a null vslot lets the host
   * choose.
   */
  default PciDevice pciAttach(String ref, PciDevice device, String origin) {
    throw xm.diag.XmException.error("this host cannot pass PCI devices through");
  }

  /** pci-detach: takes it back. */
  default void pciDetach(String ref, PciDevice device, String origin) {
    throw xm.diag.XmException.error("this host cannot pass PCI devices through");
  }

  /** The SCSI LUNs passed through to a domain. */
  default List<ScsiDevice> scsiDevices(String ref) {
    return List.of();
  }

  /**
   * scsi-attach: gives a guest a host LUN ({@code h:c:t:l} or its device node) as {@code virt}
   * ({@code h:c:t:l}); one domain at a time.
   */
  default ScsiDevice scsiAttach(String ref, String phys, String virt, int backend, String origin) {
    throw xm.diag.XmException.error("this host cannot pass SCSI devices through");
  }

  /** scsi-detach: takes back the LUN the guest sees as {@code virt}. */
  default void scsiDetach(String ref, String virt, String origin) {
    throw xm.diag.XmException.error("this host cannot pass SCSI devices through");
  }

  /**
   * The host's virtual networks (vnets), each as its {@code (vnet (id ..) (bridge ..) ...)} config.
   */
  default List<xm.sxp.Sxp> vnets() {
    throw xm.diag.XmException.error("this host has no vnets");
  }

  /**
   * vnet-create: adds a vnet from its config ({@code (vnet (id N) ...)}); an id in use is refused.
   */
  default void vnetCreate(xm.sxp.Sxp config, String origin) {
    throw xm.diag.XmException.error("this host has no vnets");
  }

  /** vnet-delete: removes the vnet {@code id}. */
  default void vnetDelete(String id, String origin) {
    throw xm.diag.XmException.error("this host has no vnets");
  }

  /** The CPU scheduler the host runs: {@code credit} or {@code sedf}. */
  default String scheduler() {
    return "credit";
  }

  /**
   * Sets a domain's credit scheduler parameters (null: keep it): weight 1..65535, cap 0..100 x
   * VCPUs. Fails with Xen's message when the host runs another scheduler.
   */
  default void schedCredit(String ref, Integer weight, Integer cap, String origin) {
    throw xm.diag.XmException.error("this host cannot set scheduler parameters");
  }

  /** What sched-credit or sched-sedf says when this host does not run scheduler {@code wanted}. */
  default String wrongScheduler(String wanted) {
    return "Xen is running with the " + scheduler() + " scheduler";
  }

  /** Sets a domain's SEDF parameters (null: keep it), times in ms. */
  default void schedSedf(
      String ref,
      Double periodMs,
      Double sliceMs,
      Double latencyMs,
      Integer extratime,
      Integer weight,
      String origin) {
    throw xm.diag.XmException.error("this host cannot set scheduler parameters");
  }

  /** Sends a magic SysRq key to the guest. */
  void sysrq(String ref, char key, String origin);

  /**
   * The domain's console output so far: its recent part (consoles are bounded), one line each, as
   * the guest wrote it (escape sequences included: showing it safely is the viewer's job).
   */
  List<String> console(String ref);

  /**
   * For a backend whose console is a terminal session of its own client (libvirt's {@code virsh
   * console}), the command line that attaches to the console of {@code ref}; empty for a backend
   * that keeps the output itself ({@link #console}).
   */
  default java.util.Optional<List<String>> consoleClient(String ref) {
    return java.util.Optional.empty();
  }

  /**
   * The hypervisor's message ring (bounded, as Xen's ring is); cleared after reading when asked.
   */
  String dmesg(boolean clear);

  /**
   * The management daemon's log, oldest line first, streamed line by line to {@code line} (a log is
   * never held in memory whole; its history is bounded by rotation).
   */
  void log(java.util.function.Consumer<String> line);

  /**
   * Waits until {@code condition} holds for the host's domains, or {@code timeout} passes.
   *
   * @return whether the condition came to hold
   */
  boolean await(Predicate<List<DomainInfo>> condition, Duration timeout);

  /**
   * The host's active access-control policy; empty when the host runs without one (as Xen without
   * ACM), which is how every host starts.
   */
  default java.util.Optional<xm.acm.SecurityPolicy> activePolicy() {
    return java.util.Optional.empty();
  }

  /**
   * Makes {@code policy} the host's active policy, durably. Refused whole (nothing changed) when a
   * running domain holds a label the policy lacks or running domains would then conflict.
   */
  default void loadPolicy(xm.acm.SecurityPolicy policy, String origin) {
    throw xm.diag.XmException.error("this host has no access control module");
  }

  /** The policy the host's boot menu loads at its next boot; empty when it boots without one. */
  default java.util.Optional<xm.acm.SecurityPolicy> bootPolicy() {
    return java.util.Optional.empty();
  }

  /**
   * Makes the host boot with {@code policy} active: its boot menu entry for kernel {@code
   * kernelVersion} (null: the default entry) loads the policy's binary. Returns the entry's title.
   */
  default String setBootPolicy(xm.acm.SecurityPolicy policy, String kernelVersion, String origin) {
    throw xm.diag.XmException.error("this host has no boot menu to configure");
  }

  /**
   * The resource labels this host's access decisions read, by canonical resource name; empty when
   * it keeps none.
   */
  default java.util.Map<String, ResourceLabels.Entry> resourceLabels() {
    return java.util.Map.of();
  }

  /**
   * Labels {@code resource} (canonical) with {@code label} of {@code policy}, replacing a label it
   * had.
   */
  default void labelResource(String resource, String policy, String label, String origin) {
    throw xm.diag.XmException.error("this host keeps no resource labels");
  }

  /**
   * Whether {@link #changes} says who changed what; false for a backend that keeps no such record
   * (libvirt), whose drift is then reported as made outside xm.
   */
  default boolean recordsChanges() {
    return true;
  }

  /** Removes the label of {@code resource} (canonical); fails when it has none. */
  default void unlabelResource(String resource, String origin) {
    throw xm.diag.XmException.error("this host keeps no resource labels");
  }

  @Override
  default void close() {}
}
