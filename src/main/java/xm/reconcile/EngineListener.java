package xm.reconcile;

import xm.apply.Outcome;
import xm.hypervisor.ApplyLock;
import xm.plan.Change;
import xm.plan.Plan;

/**
 * What an apply reports as it goes, so the plan is shown before the first change and each outcome
 * as it lands. {@link #started} and {@link #finished} are called from worker threads.
 */
public interface EngineListener {
  /** Another apply holds {@code host}; called once per host before waiting for it. */
  default void waiting(String host, ApplyLock.Holder holder) {}

  /** The plan, before anything is changed. */
  default void planned(Plan plan, Observation observation) {}

  default void started(Change change) {}

  default void finished(Outcome outcome) {}

  EngineListener NONE = new EngineListener() {};
}
