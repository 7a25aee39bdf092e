package xm.reconcile;

import java.util.List;
import xm.apply.Outcome;
import xm.apply.Status;
import xm.plan.Plan;

/**
 * How a reconciliation ended: the plan, what was observed, and one outcome per change that ran
 * (empty when the plan was refused or only shown).
 */
public record Result(Plan plan, Observation observation, List<Outcome> outcomes) {
  public Result {
    outcomes = List.copyOf(outcomes);
  }

  public long count(Status s) {
    return outcomes.stream().filter(o -> o.status() == s).count();
  }

  /** Whether every change that ran succeeded. */
  public boolean succeeded() {
    return outcomes.stream().allMatch(o -> o.status() == Status.SUCCEEDED);
  }

  /** Changes the plan leaves waiting for a restart. */
  public long pendingRestarts() {
    return plan.changes().stream().filter(c -> !c.pending().isEmpty()).count();
  }
}
