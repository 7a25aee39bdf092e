package xm.hypervisor;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a domain is built from: what {@code xm create} reads from an xmdomain.cfg file and
 * what a spec declares. Immutable; validated on construction so that a config that exists is one a
 * host could try to build.
 *
 * @param name the domain name ({@code ^[A-Za-z0-9_\-.:/+]+$})
 * @param uuid the uuid in RFC 4122 text form (see {@link Uuids}), or null to let the host choose
 *     one
 * @param builder {@code linux} (paravirtual) or {@code hvm}
 * @param kernel absolute path of the kernel (or HVM loader); may be null for hvm
 * @param ramdisk absolute path of the initrd, or null
 * @param cmdline the kernel command line (from root, extra and ip), possibly empty
 * @param memoryMiB memory at boot (the balloon target), at least 1
 * @param maxmemMiB the ceiling mem-set may balloon to; at least memoryMiB
 * @param vcpus virtual CPUs online at boot, 1..maxVcpus
 * @param maxVcpus virtual CPUs the domain is built with; fixed until it restarts
 * @param cpus the CPUs its VCPUs may run on ({@code "0-3,^1"}), or null for any
 * @param extras other xmdomain.cfg keys (HVM settings and the like), kept as text, sorted by key
 */
public record DomainConfig(
    String name,
    String uuid,
    String builder,
    String kernel,
    String ramdisk,
    String cmdline,
    long memoryMiB,
    long maxmemMiB,
    int vcpus,
    int maxVcpus,
    String cpus,
    LifecycleAction onPoweroff,
    LifecycleAction onReboot,
    LifecycleAction onCrash,
    List<DiskSpec> disks,
    List<VifSpec> vifs,
    List<VtpmSpec> vtpms,
    SecurityLabel securityLabel,
    Map<String, String> extras) {

  public DomainConfig {
    if (name == null || !DomainNames.isValid(name)) {
      throw new IllegalArgumentException("Invalid VM Name");
    }
    if (uuid != null && !Uuids.isValid(uuid)) {
      throw new IllegalArgumentException(Uuids.problem(uuid));
    }
    if (memoryMiB <= 0) {
      throw new IllegalArgumentException("memory_dynamic_max must be greater than zero");
    }
    if (maxmemMiB < memoryMiB) {
      throw new IllegalArgumentException(
          "memory_dynamic_max must be less than or equal to memory_static_max");
    }
    if (maxVcpus < 1 || vcpus < 1 || vcpus > maxVcpus) {
      throw new IllegalArgumentException("vcpus must be between 1 and maxvcpus (" + maxVcpus + ")");
    }
    builder = builder == null ? "linux" : builder;
    cmdline = cmdline == null ? "" : cmdline;
    onPoweroff = onPoweroff == null ? LifecycleAction.DESTROY : onPoweroff;
    onReboot = onReboot == null ? LifecycleAction.RESTART : onReboot;
    onCrash = onCrash == null ? LifecycleAction.RESTART : onCrash;
    disks = List.copyOf(disks == null ? List.of() : disks);
    vifs = List.copyOf(vifs == null ? List.of() : vifs);
    vtpms = List.copyOf(vtpms == null ? List.of() : vtpms);
    extras = Collections.unmodifiableMap(new TreeMap<>(extras == null ? Map.of() : extras));
  }

  /** A copy with another name. */
  public DomainConfig withName(String newName) {
    return new DomainConfig(
        newName,
        uuid,
        builder,
        kernel,
        ramdisk,
        cmdline,
        memoryMiB,
        maxmemMiB,
        vcpus,
        maxVcpus,
        cpus,
        onPoweroff,
        onReboot,
        onCrash,
        disks,
        vifs,
        vtpms,
        securityLabel,
        extras);
  }

  /** A copy with other extras (the config keys xm keeps as written). */
  public DomainConfig withExtras(java.util.Map<String, String> newExtras) {
    return new DomainConfig(
        name,
        uuid,
        builder,
        kernel,
        ramdisk,
        cmdline,
        memoryMiB,
        maxmemMiB,
        vcpus,
        maxVcpus,
        cpus,
        onPoweroff,
        onReboot,
        onCrash,
        disks,
        vifs,
        vtpms,
        securityLabel,
        newExtras);
  }

  /** A copy with another uuid. */
  public DomainConfig withUuid(String newUuid) {
    return new DomainConfig(
        name,
        newUuid,
        builder,
        kernel,
        ramdisk,
        cmdline,
        memoryMiB,
        maxmemMiB,
        vcpus,
        maxVcpus,
        cpus,
        onPoweroff,
        onReboot,
        onCrash,
        disks,
        vifs,
        vtpms,
        securityLabel,
        extras);
  }

  /** A copy with other memory figures (used when a running domain's balloon has moved). */
  public DomainConfig withMemory(long newMemoryMiB, long newMaxmemMiB) {
    return new DomainConfig(
        name,
        uuid,
        builder,
        kernel,
        ramdisk,
        cmdline,
        newMemoryMiB,
        newMaxmemMiB,
        vcpus,
        maxVcpus,
        cpus,
        onPoweroff,
        onReboot,
        onCrash,
        disks,
        vifs,
        vtpms,
        securityLabel,
        extras);
  }

  /** A copy that starts with {@code n} VCPUs (at most maxvcpus). */
  public DomainConfig withVcpus(int n) {
    return new DomainConfig(
        name,
        uuid,
        builder,
        kernel,
        ramdisk,
        cmdline,
        memoryMiB,
        maxmemMiB,
        n,
        maxVcpus,
        cpus,
        onPoweroff,
        onReboot,
        onCrash,
        disks,
        vifs,
        vtpms,
        securityLabel,
        extras);
  }

  /** A copy with another security label (a policy update renamed its label). */
  public DomainConfig withSecurityLabel(SecurityLabel newLabel) {
    return new DomainConfig(
        name,
        uuid,
        builder,
        kernel,
        ramdisk,
        cmdline,
        memoryMiB,
        maxmemMiB,
        vcpus,
        maxVcpus,
        cpus,
        onPoweroff,
        onReboot,
        onCrash,
        disks,
        vifs,
        vtpms,
        newLabel,
        extras);
  }

  /** A copy with devices replaced. */
  public DomainConfig withDevices(List<DiskSpec> newDisks, List<VifSpec> newVifs) {
    return new DomainConfig(
        name,
        uuid,
        builder,
        kernel,
        ramdisk,
        cmdline,
        memoryMiB,
        maxmemMiB,
        vcpus,
        maxVcpus,
        cpus,
        onPoweroff,
        onReboot,
        onCrash,
        newDisks,
        newVifs,
        vtpms,
        securityLabel,
        extras);
  }

  public boolean isHvm() {
    return "hvm".equals(builder);
  }
}
