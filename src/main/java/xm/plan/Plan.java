package xm.plan;

import java.util.List;
import xm.diag.Diagnostic;

/**
 * The result of planning: one change per declared or managed domain of the scope (in sync ones
 * included, as NOOP), in {@link Schedule#ORDER}, the errors that refuse it whole (capacity,
 * unmanaged name clashes, missing hosts, limits) and warnings. A refused plan must not be applied.
 */
public record Plan(List<Change> changes, List<Diagnostic> problems, List<Diagnostic> warnings) {
  public Plan {
    changes = List.copyOf(changes);
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  public boolean refused() {
    return !problems.isEmpty();
  }

  /** Whether apply with the same options would change something or leave a pending restart. */
  public boolean hasDrift() {
    return changes.stream().anyMatch(Change::isDrift);
  }

  /** Whether apply has operations to run. */
  public boolean hasWork() {
    return changes.stream().anyMatch(c -> !c.ops().isEmpty());
  }

  public long count(Action a) {
    return changes.stream().filter(c -> c.action() == a).count();
  }
}
