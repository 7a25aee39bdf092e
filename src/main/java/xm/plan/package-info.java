/**
 * Pure planning: {@link xm.plan.Planner} pairs specs with observed domains and returns a {@link
 * xm.plan.Plan} of {@link xm.plan.Change}s, each a sequence of {@link xm.plan.Op}s an operator
 * would type. No I/O, no clock (the time is an argument), deterministic.
 */
package xm.plan;
