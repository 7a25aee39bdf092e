package xm.hypervisor;

import java.util.List;

/**
 * One virtual CPU as {@code xm vcpu-list} shows it.
 *
 * @param number the VCPU number within its domain
 * @param online whether the VCPU is enabled (vcpu-set)
 * @param running whether it is on a CPU right now
 * @param blocked whether it waits for an event
 * @param cpu the physical CPU it last ran on, or -1 when it has none
 * @param cpuTimeSec CPU time it has used
 * @param affinity the physical CPUs it may run on, ascending
 */
public record VcpuInfo(
    int number,
    boolean online,
    boolean running,
    boolean blocked,
    int cpu,
    double cpuTimeSec,
    List<Integer> affinity) {
  public VcpuInfo {
    affinity = List.copyOf(affinity);
  }
}
