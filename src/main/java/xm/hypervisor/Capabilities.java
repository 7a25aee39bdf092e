package xm.hypervisor;

import java.util.Map;
import java.util.Set;

/**
 * What a backend says about itself, so that planning holds no backend facts (as Terraform's
 * providers decide RequiresReplace): which spec fields it changes on a running domain and which
 * only take effect when the domain is rebuilt, and its limits.
 *
 * @param fields for every comparable spec field, whether the backend changes it live
 * @param limits what a domain may be on this backend (the host refuses anything else)
 * @param onlineVcpusWithinHostCpus whether a guest's online VCPUs must not outnumber the host's
 *     CPUs
 * @param accessControl whether the host enforces ACM policies and labels (else a plan that loads a
 *     policy there or starts a labeled domain there is refused: a label nobody enforces is worse
 *     than none)
 */
public record Capabilities(
    Map<String, FieldMode> fields,
    DomainLimits limits,
    boolean onlineVcpusWithinHostCpus,
    boolean accessControl) {

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

  /** Capabilities of a host that enforces no access control. */
  public Capabilities(
      Map<String, FieldMode> fields, DomainLimits limits, boolean onlineVcpusWithinHostCpus) {
    this(fields, limits, onlineVcpusWithinHostCpus, false);
  }

  /**
   * Capabilities whose limits differ from Xen 3.4's only in VCPUs and memory (for tests and
   * benchmarks).
   */
  public Capabilities(
      Map<String, FieldMode> fields,
      int maxVcpusPerDomain,
      long maxMemoryMiB,
      boolean onlineVcpusWithinHostCpus) {
    this(fields, new DomainLimits(maxMemoryMiB, maxVcpusPerDomain), onlineVcpusWithinHostCpus);
  }

  /** The most VCPUs a guest may be built with. */
  public int maxVcpusPerDomain() {
    return limits.maxVcpus();
  }

  /** The largest memory or maxmem a guest may have. */
  public long maxMemoryMiB() {
    return limits.maxMemoryMiB();
  }

  /** Whether {@code field} needs a restart on this backend (unknown fields do). */
  public boolean needsRestart(String field) {
    return fields.getOrDefault(field, FieldMode.RESTART) == FieldMode.RESTART;
  }

  /** The fields this backend changes only by rebuilding the domain. */
  public Set<String> restartFields() {
    return fields.entrySet().stream()
        .filter(e -> e.getValue() == FieldMode.RESTART)
        .map(Map.Entry::getKey)
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }
}
