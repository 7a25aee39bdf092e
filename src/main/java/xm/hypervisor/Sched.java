package xm.hypervisor;

/**
 * A domain's scheduler parameters, for both of Xen 3.4's schedulers. Credit: {@code weight}
 * (1..65535, default 256: a domain of 512 gets twice the CPU of one of 256 when both want it) and
 * {@code cap} (a percentage of one physical CPU, 0..100 x VCPUs; 0: no cap). SEDF: {@code period}
 * and {@code slice} in ms (the domain gets slice of every period), {@code latency} in ms, {@code
 * extratime} (0/1: may it use idle time), {@code sedfWeight} (0: the period and slice rule).
 * Defaults as Xen's: Domain-0 20/15 ms, others 100/0 ms; latency 0, extratime 1, weight 0.
 */
public record Sched(
    int weight,
    int cap,
    double periodMs,
    double sliceMs,
    double latencyMs,
    int extratime,
    int sedfWeight) {
  public static final int MIN_WEIGHT = 1;
  public static final int MAX_WEIGHT = 65535;

  /** The largest cap any domain may have: 100 for each of the most VCPUs a spec may give (64). */
  public static final int MAX_CAP = 6400;

  /** Xen's defaults for a new domain ({@code domain0}: Domain-0's SEDF period and slice). */
  public static Sched defaults(boolean domain0) {
    return domain0 ? new Sched(256, 0, 20, 15, 0, 1, 0) : new Sched(256, 0, 100, 0, 0, 1, 0);
  }

  public Sched withCredit(int newWeight, int newCap) {
    return new Sched(newWeight, newCap, periodMs, sliceMs, latencyMs, extratime, sedfWeight);
  }

  public Sched withSedf(double period, double slice, double latency, int extra, int weight2) {
    return new Sched(weight, cap, period, slice, latency, extra, weight2);
  }

  /** The highest cap a domain of {@code vcpus} VCPUs may have: 100 per VCPU. */
  public static int maxCap(int vcpus) {
    return 100 * Math.max(1, vcpus);
  }
}
