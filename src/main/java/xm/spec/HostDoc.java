package xm.spec;

import java.util.List;
import xm.diag.Location;

/** A declared host (kind: Host): a simulated host apply makes when it does not exist. */
public record HostDoc(String name, Long memoryMiB, Long dom0MemoryMiB, Integer cpus, Integer nodes,
    List<String> blockDevices, Location location) {}
