package xm.reconcile;

import java.time.Duration;
import xm.plan.PlanOptions;

/**
 * How one reconciliation runs.
 *
 * @param plan what to plan (prune, restarts, adoption, default host, scope, targets)
 * @param parallelism how many independent changes run at once
 * @param stopTimeout how long a clean shutdown may take before the domain is destroyed
 * @param lockTimeout how long to wait for another apply's lock (zero: refuse at once)
 * @param origin the command the hosts record behind each change and show as the lock's holder
 */
public record Settings(
    PlanOptions plan, int parallelism, Duration stopTimeout, Duration lockTimeout, String origin) {}
