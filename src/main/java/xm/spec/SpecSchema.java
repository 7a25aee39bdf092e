package xm.spec;

import java.util.List;

/** The fields of each kind of spec document (apiVersion xm/v1). */
public final class SpecSchema {
  private SpecSchema() {}

  public static final String API_VERSION = "xm/v1";

  static final List<String> ACTIONS = List.of("destroy", "restart", "preserve", "rename-restart");
  static final List<String> CRASH_ACTIONS =
      List.of(
          "destroy",
          "restart",
          "preserve",
          "rename-restart",
          "coredump-destroy",
          "coredump-restart");

  public static final List<Field> DISK =
      List.of(
          Field.required(
              "source",
              "The backend: phy:DEV, file:/path, tap:TYPE:/path, or \"\" for an empty CD-ROM drive"),
          Field.required("target", "The device the guest sees: xvda1, sda2, hdc:cdrom, 0x1400"),
          Field.oneOf(
              "mode",
              List.of("r", "w", "w!"),
              "r (read-only, shareable with readers), w (exclusive), w! (no sharing check); default w"),
          Field.integer(
              "backend",
              0,
              Integer.MAX_VALUE,
              "The id of the domain serving the device; default 0 (Domain-0)"));

  public static final List<Field> VIF =
      List.of(
          Field.string(
              "mac", "MAC address; a random 00:16:3e:xx:xx:xx is assigned (and kept) when absent"),
          Field.string("bridge", "The bridge to connect to, e.g. xenbr0"),
          Field.string("ip", "IPv4 address(es), space-separated"),
          Field.string("script", "The vif script"),
          Field.string("type", "ioemu for an emulated NIC (HVM)"),
          Field.string("vifname", "The backend interface name"),
          Field.string("rate", "Rate limit, e.g. 10Mb/s or 1MB/s@20ms"),
          Field.string("model", "Emulated NIC model (HVM)"),
          Field.string("accel", "Accelerator plugin"),
          Field.integer(
              "backend",
              0,
              Integer.MAX_VALUE,
              "The id of the domain serving the interface; default 0"));

  public static final List<Field> VTPM =
      List.of(
          Field.integer(
              "instance", -1, Integer.MAX_VALUE, "The vTPM instance; -1 lets the host choose"),
          Field.integer(
              "backend", 0, Integer.MAX_VALUE, "The id of the domain serving it; default 0"));

  /**
   * Credit scheduler parameters (sched-credit); in the model, the config's cpu_weight and cpu_cap.
   */
  public static final List<Field> SCHED =
      List.of(
          Field.integer(
              "weight",
              xm.hypervisor.Sched.MIN_WEIGHT,
              xm.hypervisor.Sched.MAX_WEIGHT,
              "Credit scheduler weight (sched-credit -w): relative CPU share; default 256"),
          Field.integer(
              "cap",
              0,
              xm.hypervisor.Sched.MAX_CAP,
              "Credit scheduler cap (sched-credit -c): percent of one CPU, 0..100 x VCPUs; 0: none"));

  public static final List<Field> SECURITY =
      List.of(
          Field.required("policy", "The ACM policy, e.g. example.chwall_ste.client_v1"),
          Field.required("label", "The label the policy defines, e.g. dom_HomeBanking"));

  public static final List<Field> DOMAIN_SPEC =
      List.of(
          Field.oneOf("builder", List.of("linux", "hvm"), "linux (paravirtual, default) or hvm"),
          Field.string("kernel", "Absolute path of the kernel (or HVM loader); required for linux"),
          Field.string("ramdisk", "Absolute path of the initrd"),
          Field.string(
              "cmdline", "The kernel command line, e.g. \"root=/dev/xvda1 ro console=xvc0\""),
          Field.integer(
              "memory",
              1,
              xm.hypervisor.DomainLimits.MAX_MEMORY_MIB_ANY_HOST,
              "Memory in MiB at boot and the balloon target while running (mem-set)"),
          Field.integer(
              "maxmem",
              1,
              xm.hypervisor.DomainLimits.MAX_MEMORY_MIB_ANY_HOST,
              "The most memory in MiB the domain may balloon to (mem-max); default: memory"),
          Field.integer(
              "vcpus",
              1,
              xm.hypervisor.DomainLimits.MAX_VCPUS_ANY_HOST,
              "VCPUs online (vcpu-set); default 1; the host sets the real ceiling"),
          Field.integer(
              "maxvcpus",
              1,
              xm.hypervisor.DomainLimits.MAX_VCPUS_ANY_HOST,
              "VCPUs the domain is built with; changing it needs a restart; default: vcpus; the host sets the real ceiling (32 on Xen 3.4)"),
          Field.string("cpus", "Physical CPUs the VCPUs may use, e.g. \"0-3,^1\""),
          Field.oneOf(
              "state",
              List.of("running", "paused", "stopped", "defined"),
              "Desired state; default running. stopped: not on the host; defined: kept by the host, not running (xm new)"),
          Field.oneOf(
              "onPoweroff",
              ACTIONS,
              "What the host does when the guest powers off; default destroy"),
          Field.oneOf(
              "onReboot", ACTIONS, "What the host does when the guest reboots; default restart"),
          Field.oneOf(
              "onCrash",
              CRASH_ACTIONS,
              "What the host does when the guest crashes; default restart"),
          Field.list("disks", "Virtual block devices", DISK),
          Field.list("vifs", "Virtual network interfaces", VIF),
          Field.list("vtpms", "Virtual TPMs", VTPM),
          Field.object("security", false, "ACM security label", SECURITY),
          Field.object(
              "sched", false, "Credit scheduler parameters, changed live with sched-credit", SCHED),
          Field.stringList(
              "pci",
              "PCI devices passed through at create: DDDD:BB:SS.F[@VSLOT][,option=value...], e.g. 0000:00:19.0"),
          Field.stringList(
              "vscsi",
              "SCSI LUNs passed through at create: 'PDEV, VDEV[, BACKEND]', e.g. '/dev/sdb, 0:0:0:0'"),
          Field.stringList(
              "dependsOn", "Domains that must be applied before this one (and pruned after it)"),
          Field.bool(
              "prune",
              "false keeps xm apply --prune from destroying this domain once its spec is gone"),
          Field.stringMap(
              "extras", "Other xmdomain.cfg settings, as text (HVM settings and the like)"));

  public static final List<Field> METADATA =
      List.of(
          Field.required("name", "The domain's name"),
          Field.string("host", "The host it runs on; default: --host, XM_HOST or localhost"),
          Field.stringMap("labels", "Free-form labels"));

  public static final List<Field> HOST_SPEC =
      List.of(
          Field.integer(
              "memory",
              64,
              xm.hypervisor.DomainLimits.MAX_MEMORY_MIB_ANY_HOST,
              "Total memory in MiB"),
          Field.integer(
              "dom0Memory",
              16,
              xm.hypervisor.DomainLimits.MAX_MEMORY_MIB_ANY_HOST,
              "Domain-0's memory in MiB"),
          Field.integer("cpus", 1, 64, "Physical CPUs"),
          Field.integer("nodes", 1, 64, "NUMA nodes"),
          Field.stringList("blockDevices", "The block devices phy: backends may name"),
          Field.string(
              "uri",
              "A libvirt host's URI (qemu:///system, xen:///system, qemu+ssh://h/system); then the host is"
                  + " that machine, and memory, cpus and the like are its own"));

  public static final List<Field> HOST_METADATA =
      List.of(
          Field.required("name", "The host's name"), Field.stringMap("labels", "Free-form labels"));

  public static final List<Field> POLICY_METADATA =
      List.of(
          Field.required(
              "name",
              "The policy's name, dot-separated: example.web is <policy root>/example/web-security_policy.xml"),
          Field.stringList(
              "hosts",
              "The hosts it is active on; by default every host these specs place domains on or declare"),
          Field.stringMap("labels", "Free-form labels"));

  public static final List<Field> CONFLICT_SET =
      List.of(
          Field.required("name", "The conflict set's name"),
          Field.stringList(
              "types", "Chinese Wall types no two running domains may hold different ones of"));

  public static final List<Field> VM_LABEL =
      List.of(
          Field.required("name", "The label's name (no ':')"),
          Field.stringList("steTypes", "The Simple Type Enforcement types it holds"),
          Field.stringList("chineseWallTypes", "The Chinese Wall types it holds"),
          Field.string("from", "The label's name in the policy this one updates, when renamed"));

  public static final List<Field> RESOURCE_LABEL =
      List.of(
          Field.required("name", "The label's name (no ':')"),
          Field.stringList("steTypes", "The Simple Type Enforcement type it holds"),
          Field.string("from", "The label's name in the policy this one updates, when renamed"));

  public static final List<Field> FROM_POLICY =
      List.of(
          Field.required("name", "The name of the policy this one updates"),
          Field.required("version", "Its version, N.M"));

  public static final List<Field> POLICY_SPEC =
      List.of(
          Field.required("version", "The policy's version, N.M (e.g. \"1.0\")"),
          Field.stringList("steTypes", "Simple Type Enforcement types"),
          Field.stringList("chineseWallTypes", "Chinese Wall types"),
          Field.list("conflictSets", "Chinese Wall conflict sets", CONFLICT_SET),
          Field.list("vmLabels", "Labels for domains", VM_LABEL),
          Field.list("resourceLabels", "Labels for resources", RESOURCE_LABEL),
          Field.required("bootstrap", "The VM label Domain-0 holds"),
          Field.object(
              "fromPolicy",
              false,
              "the policy this one updates: loaded over it, its domains take the labels"
                  + " renamed with 'from'",
              FROM_POLICY));

  public static final List<Field> RESOURCE_METADATA =
      List.of(
          Field.required("name", "The resource: phy:/dev/DEVICE, file:/absolute/path or vlan:N"),
          Field.stringMap("labels", "Free-form labels"));

  public static final List<Field> RESOURCE_SPEC =
      List.of(
          Field.required("policy", "The policy whose resource label it holds"),
          Field.required("label", "The resource label (one of the policy's resourceLabels)"));

  /** The kinds of spec document. */
  public static final List<String> KINDS =
      List.of("Domain", "Host", "SecurityPolicy", "ResourceLabel");

  /** The top-level fields of a document of {@code kind}. */
  public static List<Field> document(String kind) {
    List<Field> metadata =
        switch (kind) {
          case "Host" -> HOST_METADATA;
          case "SecurityPolicy" -> POLICY_METADATA;
          case "ResourceLabel" -> RESOURCE_METADATA;
          default -> METADATA;
        };
    List<Field> spec =
        switch (kind) {
          case "Host" -> HOST_SPEC;
          case "SecurityPolicy" -> POLICY_SPEC;
          case "ResourceLabel" -> RESOURCE_SPEC;
          default -> DOMAIN_SPEC;
        };
    return List.of(
        Field.required("apiVersion", "Always " + API_VERSION),
        Field.required("kind", "Domain, Host, SecurityPolicy or ResourceLabel"),
        Field.object("metadata", true, "name and placement", metadata),
        Field.object("spec", !kind.equals("Host"), "What is wanted", spec));
  }
}
