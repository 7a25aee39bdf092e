/**
 * Executing a plan: {@link xm.apply.Applier} runs hosts, then stops and prunes, then waves of
 * changes on a bounded executor, one {@link xm.apply.Outcome} per change; hosts are reached
 * through {@link xm.apply.HostAccess}.
 */
package xm.apply;
