package xm.hypervisor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code xm info} reports about a host: its fields in xm's order (host, release, version,
 * machine, nr_cpus, ..., xend_config_format), values as text, memory in MiB.
 */
public record HostInfo(Map<String, String> fields) {
  public HostInfo {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public String name() {
    return fields.get("host");
  }

  public int nrCpus() {
    return Integer.parseInt(fields.get("nr_cpus"));
  }

  public long totalMemoryMiB() {
    return Long.parseLong(fields.get("total_memory"));
  }

  public long freeMemoryMiB() {
    return Long.parseLong(fields.get("free_memory"));
  }
}
