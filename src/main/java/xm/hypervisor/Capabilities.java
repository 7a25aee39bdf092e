package xm.hypervisor;

import java.util.Map;
import java.util.Set;

/**
 * What a backend says about itself, so that planning holds no backend facts (as Terraform's
 * providers decide RequiresReplace): which spec fields it changes on a running domain and which
 * only take effect when the domain is rebuilt, and its limits.
 *
 * @param fields for every comparable spec field, whether the backend changes it live
 * @param maxVcpusPerDomain the most VCPUs a guest may be built with
 * @param maxMemoryMiB the largest memory or maxmem a guest may have
 * @param onlineVcpusWithinHostCpus whether a guest's online VCPUs must not outnumber the host's CPUs
 */
public record Capabilities(Map<String, FieldMode> fields, int maxVcpusPerDomain, long maxMemoryMiB,
    boolean onlineVcpusWithinHostCpus) {

  /** How a backend changes a field of a running domain. */
  public enum FieldMode {
    /** Changed on the running domain (mem-set, vcpu-set, attach, pause, migrate, ...). */
    LIVE,
    /** Takes effect only when the domain is rebuilt. */
    RESTART
  }

  public Capabilities {
    fields = Map.copyOf(fields);
  }

  /** Whether {@code field} needs a restart on this backend (unknown fields do). */
  public boolean needsRestart(String field) {
    return fields.getOrDefault(field, FieldMode.RESTART) == FieldMode.RESTART;
  }

  /** The fields this backend changes only by rebuilding the domain. */
  public Set<String> restartFields() {
    return fields.entrySet().stream().filter(e -> e.getValue() == FieldMode.RESTART).map(Map.Entry::getKey)
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }
}
