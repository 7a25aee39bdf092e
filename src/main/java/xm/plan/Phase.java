package xm.plan;

/**
 * When a change runs, in this order: hosts are made first; then stops and prunes free memory
 * (dependants before what they depend on); then every other change, wave by wave of dependsOn.
 * Changes without operations run in no phase.
 */
public enum Phase {
  HOSTS,
  FREE,
  DOMAINS,
  NONE
}
