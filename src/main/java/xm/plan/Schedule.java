package xm.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one order of a plan, shared by the planner (the order changes are listed in), capacity
 * admission (the steps it counts) and the applier (the groups it runs): by phase; within {@link
 * Phase#FREE} from the highest wave down (dependants stop first), otherwise from the lowest wave
 * up; then host and domain. Changes of one step are independent and may run in parallel.
 */
public final class Schedule {
  /** A point in the schedule; changes at the same step run together. */
  public record Step(Phase phase, int waveKey) implements Comparable<Step> {
    @Override
    public int compareTo(Step o) {
      int c = phase.compareTo(o.phase);
      return c != 0 ? c : Integer.compare(waveKey, o.waveKey);
    }
  }

  /** The order changes are listed and run in. */
  public static final Comparator<Change> ORDER =
      Comparator.comparing(Schedule::step)
          .thenComparing(Change::host)
          .thenComparing(Change::domain);

  private Schedule() {}

  public static Step step(Change c) {
    Phase p = c.ops().isEmpty() ? Phase.NONE : c.action().phase();
    int wave = Math.max(0, c.wave() == Integer.MAX_VALUE ? Integer.MAX_VALUE - 1 : c.wave());
    return new Step(p, p == Phase.FREE ? -wave : wave);
  }

  /** The changes that do something, grouped by step, in the order the groups run. */
  public static List<List<Change>> groups(List<Change> changes) {
    Map<Step, List<Change>> groups = new TreeMap<>();
    for (Change c : changes) {
      if (!c.ops().isEmpty()) {
        groups.computeIfAbsent(step(c), s -> new ArrayList<>()).add(c);
      }
    }
    List<List<Change>> out = new ArrayList<>();
    for (List<Change> g : groups.values()) {
      g.sort(ORDER);
      out.add(List.copyOf(g));
    }
    return out;
  }
}
