package xm.hypervisor;

import java.util.List;

/**
 * A domain as the host reports it right now.
 *
 * @param id the domain id, or null for a domain that is defined but not running
 * @param config what the domain was built from, with its current memory figures
 * @param uuid the domain's uuid
 * @param memoryMiB memory currently allocated to it
 * @param maxmemMiB its ceiling
 * @param onlineVcpus VCPUs currently enabled
 * @param power the xend power state
 * @param flags the r b p s c d flags
 * @param cpuTimeSec CPU time used since it was built
 * @param startTimeEpochSec when it was built (seconds since the epoch)
 * @param uptimeSec how long it has existed, by the host's clock
 * @param vcpus one entry per VCPU it was built with
 * @param managed whether xm's reconciler owns it
 * @param blockDevices its virtual block devices, in the order they were attached
 * @param netDevices its network interfaces, in the order they were attached
 * @param tpmDevices its virtual TPMs
 * @param annotations what xm keeps on the host about it (spec source, holds, prune opt-out)
 * @param sched its scheduler parameters
 * @param persistent whether the host keeps it defined when it stops (xend's lifecycle support,
 *     {@code xm new}); a persistent domain that is not running has no id
 */
public record DomainInfo(
    Integer id,
    String uuid,
    DomainConfig config,
    long memoryMiB,
    long maxmemMiB,
    int onlineVcpus,
    PowerState power,
    StateFlags flags,
    double cpuTimeSec,
    double startTimeEpochSec,
    double uptimeSec,
    List<VcpuInfo> vcpus,
    boolean managed,
    List<BlockDevice> blockDevices,
    List<NetDevice> netDevices,
    List<TpmDevice> tpmDevices,
    java.util.Map<String, String> annotations,
    Sched sched,
    boolean persistent) {

  /** A domain the host does not keep defined when it stops (what {@code xm create} makes). */
  public DomainInfo(
      Integer id,
      String uuid,
      DomainConfig config,
      long memoryMiB,
      long maxmemMiB,
      int onlineVcpus,
      PowerState power,
      StateFlags flags,
      double cpuTimeSec,
      double startTimeEpochSec,
      double uptimeSec,
      List<VcpuInfo> vcpus,
      boolean managed,
      List<BlockDevice> blockDevices,
      List<NetDevice> netDevices,
      List<TpmDevice> tpmDevices,
      java.util.Map<String, String> annotations,
      Sched sched) {
    this(
        id,
        uuid,
        config,
        memoryMiB,
        maxmemMiB,
        onlineVcpus,
        power,
        flags,
        cpuTimeSec,
        startTimeEpochSec,
        uptimeSec,
        vcpus,
        managed,
        blockDevices,
        netDevices,
        tpmDevices,
        annotations,
        sched,
        false);
  }

  /**
   * A domain whose scheduler parameters are Xen's defaults (a backend that does not report them).
   */
  public DomainInfo(
      Integer id,
      String uuid,
      DomainConfig config,
      long memoryMiB,
      long maxmemMiB,
      int onlineVcpus,
      PowerState power,
      StateFlags flags,
      double cpuTimeSec,
      double startTimeEpochSec,
      double uptimeSec,
      List<VcpuInfo> vcpus,
      boolean managed,
      List<BlockDevice> blockDevices,
      List<NetDevice> netDevices,
      List<TpmDevice> tpmDevices,
      java.util.Map<String, String> annotations) {
    this(
        id,
        uuid,
        config,
        memoryMiB,
        maxmemMiB,
        onlineVcpus,
        power,
        flags,
        cpuTimeSec,
        startTimeEpochSec,
        uptimeSec,
        vcpus,
        managed,
        blockDevices,
        netDevices,
        tpmDevices,
        annotations,
        Sched.defaults(id != null && id == 0),
        false);
  }

  public DomainInfo {
    sched = sched == null ? Sched.defaults(id != null && id == 0) : sched;
    vcpus = List.copyOf(vcpus);
    blockDevices = List.copyOf(blockDevices);
    netDevices = List.copyOf(netDevices);
    tpmDevices = List.copyOf(tpmDevices);
    annotations = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(annotations));
  }

  public String name() {
    return config.name();
  }

  /** Whether it is a definition the host keeps while it does not run (halted or suspended). */
  public boolean isInactive() {
    return id == null;
  }

  public boolean isDomain0() {
    return id != null && id == 0;
  }
}
