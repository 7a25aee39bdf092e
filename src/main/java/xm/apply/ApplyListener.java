package xm.apply;

import xm.plan.Change;

/** Progress of an apply, for a progress line on a terminal. Called from worker threads. */
public interface ApplyListener {
  default void started(Change change) {}

  default void finished(Outcome outcome) {}

  ApplyListener NONE = new ApplyListener() {};
}
