package xm.plan;

import java.util.List;

/**
 * The result of planning: one change per declared or managed domain (in sync ones included, as
 * NOOP), in a deterministic order (wave, host, name), and the problems that refuse it whole
 * (capacity, unmanaged name clashes, missing hosts). A refused plan must not be applied.
 */
public record Plan(List<Change> changes, List<String> problems) {
  public Plan {
    changes = List.copyOf(changes);
    problems = List.copyOf(problems);
  }

  public boolean refused() {
    return !problems.isEmpty();
  }

  public boolean hasDrift() {
    return changes.stream().anyMatch(Change::isDrift);
  }

  public long count(Action a) {
    return changes.stream().filter(c -> c.action() == a).count();
  }
}
