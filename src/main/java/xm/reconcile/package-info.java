/**
 * The reconcile engine: {@link xm.reconcile.Engine} loads a {@link xm.reconcile.SpecSource}, takes
 * whole-apply locks ({@link xm.reconcile.Locks}), observes hosts through the {@link
 * xm.hypervisor.HostFactory}, plans (pure, {@link xm.plan.Planner}) and applies ({@link
 * xm.apply.Applier}), reporting to an {@link xm.reconcile.EngineListener} as it goes. Drift origins
 * come from the hosts' change events ({@link xm.reconcile.Causes}). The CLI and the scheduled
 * controller call the same engine.
 */
package xm.reconcile;
