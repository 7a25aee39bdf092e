package xm.hypervisor;

import java.util.List;

/**
 * A host to be made (a simulated host declared by a {@code kind: Host} document); null fields take
 * the backend's defaults.
 */
public record HostTemplate(
    String name,
    Long memoryMiB,
    Long dom0MemoryMiB,
    Integer cpus,
    Integer nodes,
    List<String> blockDevices) {

  public HostTemplate {
    blockDevices = blockDevices == null ? null : List.copyOf(blockDevices);
  }
}
