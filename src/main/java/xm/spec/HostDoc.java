package xm.spec;

import java.util.List;
import xm.diag.Location;
import xm.hypervisor.HostTemplate;

/** A declared host (kind: Host): a simulated host apply makes when it does not exist. */
public record HostDoc(String name, Long memoryMiB, Long dom0MemoryMiB, Integer cpus, Integer nodes,
    List<String> blockDevices, Location location) {

  /** The host to make, as the backend reads it (null fields: the backend's defaults). */
  public HostTemplate template() {
    return new HostTemplate(name, memoryMiB, dom0MemoryMiB, cpus, nodes, blockDevices);
  }
}
