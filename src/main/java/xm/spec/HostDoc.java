package xm.spec;

import java.util.List;
import xm.diag.Location;
import xm.hypervisor.HostTemplate;

/**
 * A declared host (kind: Host): a simulated host apply makes when it does not exist, or, with
 * {@code uri}, a libvirt host that {@code metadata.host} of a Domain spec can name by this name.
 */
public record HostDoc(
    String name,
    Long memoryMiB,
    Long dom0MemoryMiB,
    Integer cpus,
    Integer nodes,
    List<String> blockDevices,
    String uri,
    Location location) {

  public HostDoc(
      String name,
      Long memoryMiB,
      Long dom0MemoryMiB,
      Integer cpus,
      Integer nodes,
      List<String> blockDevices,
      Location location) {
    this(name, memoryMiB, dom0MemoryMiB, cpus, nodes, blockDevices, null, location);
  }

  /** The host to make, as the backend reads it (null fields: the backend's defaults). */
  public HostTemplate template() {
    return new HostTemplate(name, memoryMiB, dom0MemoryMiB, cpus, nodes, blockDevices);
  }
}
