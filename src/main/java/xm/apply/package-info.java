/**
 * Executing a plan: {@link xm.apply.Applier} runs the groups of the plan's {@link xm.plan.Schedule}
 * on a bounded executor, one {@link xm.apply.Outcome} per change; each operation runs through
 * {@link xm.apply.OpRunner}, one method per kind. Hosts are reached through the {@link
 * xm.hypervisor.HostFactory}.
 */
package xm.apply;
