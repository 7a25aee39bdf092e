package xm.plan;

/**
 * When a change runs, in this order: hosts are made first; then stops and prunes free memory
 * (dependants before what they depend on); then access control (policies loaded, resources
 * labeled), so the domains that need them find them and the domains going away no longer hold
 * labels a new policy lacks; then every other change, wave by wave of dependsOn. Changes without
 * operations run in no phase.
 */
public enum Phase {
  HOSTS,
  FREE,
  ACCESS,
  DOMAINS,
  NONE
}
