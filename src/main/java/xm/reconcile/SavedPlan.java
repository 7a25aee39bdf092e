package xm.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import xm.plan.Observed;
import xm.plan.Plan;
import xm.plan.PlanOptions;
import xm.spec.SpecText;

/**
 * A plan kept to be applied later, exactly as it was shown ({@code xm diff --save-plan FILE},
 * {@code xm apply --plan FILE}). Planning is pure, so a plan is kept as what made it: the spec
 * texts (under the names their locations use), the plan options, and each observed host's revision
 * and clock. Applying plans again from these at the same revisions and clocks, which gives the same
 * plan; {@code plan} is that plan as {@code xm diff -o json} prints it, for people and tools to
 * read, and what the plan made again must equal. {@link PlanFile} writes and reads it as JSON.
 *
 * @param format the file format ({@link #FORMAT})
 * @param xm the version of xm that made it
 * @param created when it was made (ISO-8601, UTC)
 * @param options the plan options it was made with
 * @param specs the spec texts, in the order they were read
 * @param hosts every observed host by name: its revision (-1: it did not exist) and clock then
 * @param plan the plan, as {@code xm diff -o json} prints it
 * @param operations every operation the plan runs, in full (configs included), one per line: what
 *     the plan made again must equal, so that no edit of the file changes what runs
 */
public record SavedPlan(
    int format,
    String xm,
    String created,
    Options options,
    List<SpecText> specs,
    Map<String, HostMark> hosts,
    Map<String, Object> plan,
    List<String> operations) {

  /** The format this xm writes and reads. */
  public static final int FORMAT = 3;

  public SavedPlan {
    for (SpecText t : specs) {
      if (t == null) {
        throw new IllegalArgumentException("a spec is null");
      }
    }
    for (Map.Entry<String, HostMark> h : hosts.entrySet()) {
      if (h.getKey() == null || h.getValue() == null) {
        throw new IllegalArgumentException("host '" + h.getKey() + "' is null");
      }
    }
    specs = List.copyOf(specs);
    hosts = Collections.unmodifiableMap(new TreeMap<>(hosts));
    plan = Collections.unmodifiableMap(new LinkedHashMap<>(plan));
    operations = List.copyOf(operations);
  }

  /** Every operation of {@code plan}, in full, in the order of its changes. */
  static List<String> operations(Plan plan) {
    List<String> out = new ArrayList<>();
    for (xm.plan.Change c : plan.changes()) {
      for (xm.plan.Op op : c.ops()) {
        out.add(op.toString());
      }
    }
    return out;
  }

  /**
   * The plan options, as kept.
   *
   * @param targets sorted
   */
  public record Options(
      boolean prune,
      boolean allowRestart,
      boolean adopt,
      String defaultHost,
      String scope,
      List<String> targets,
      boolean allowEmpty) {
    public Options {
      for (String t : targets) {
        if (t == null) {
          throw new IllegalArgumentException("a target is null");
        }
      }
      targets = List.copyOf(targets);
    }

    static Options of(PlanOptions o) {
      List<String> targets = new ArrayList<>(o.targets());
      Collections.sort(targets);
      return new Options(
          o.prune(),
          o.allowRestart(),
          o.adopt(),
          o.defaultHost(),
          o.scope(),
          targets,
          o.allowEmpty());
    }

    public PlanOptions planOptions() {
      return new PlanOptions(
          prune, allowRestart, adopt, defaultHost, scope, new LinkedHashSet<>(targets), allowEmpty);
    }
  }

  /**
   * One host as the plan saw it.
   *
   * @param revision its revision ({@link xm.hypervisor.Hypervisor#revision()}), or -1 when it did
   *     not exist (a host the specs declare)
   * @param clockMs its clock (epoch milliseconds): holds are judged by it when planning again
   */
  public record HostMark(long revision, long clockMs) {}

  /**
   * The saved form of a plan made from {@code specs} with {@code options} on what {@code obs} saw.
   */
  static SavedPlan of(
      List<SpecText> specs, PlanOptions options, Observation obs, Plan plan, Instant now) {
    Map<String, HostMark> hosts = new TreeMap<>();
    for (Observed h : obs.hosts()) {
      hosts.put(h.host(), new HostMark(obs.revisions().getOrDefault(h.host(), -1L), h.nowMs()));
    }
    return new SavedPlan(
        FORMAT,
        version(),
        now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
        Options.of(options),
        specs,
        hosts,
        PlanJson.of(plan, obs.causes(), plan.problems()),
        operations(plan));
  }

  /** This xm's version, from the jar's manifest ("development build" when run from classes). */
  static String version() {
    String v = SavedPlan.class.getPackage().getImplementationVersion();
    return v == null ? "development build" : v;
  }
}
