package xm.plan;

import java.util.Set;

/**
 * @param prune destroy managed domains of the scope that no spec declares (unless they opted out)
 * @param allowRestart replace domains whose restart-only fields differ (else they stay pending)
 * @param adopt take over unmanaged domains whose names specs declare
 * @param defaultHost the host of specs that name none
 * @param scope the spec set that manages the domains planned here: prune and "not in the specs"
 *     only ever consider domains of this scope
 * @param targets when not empty, plan only these domains and what they depend on
 * @param allowEmpty let a prune remove every managed domain of the scope when the specs declare no
 *     domain at all (otherwise such a plan is refused: an empty spec source is far more often a
 *     mistake than a wish)
 */
public record PlanOptions(
    boolean prune,
    boolean allowRestart,
    boolean adopt,
    String defaultHost,
    String scope,
    Set<String> targets,
    boolean allowEmpty) {

  public static final String DEFAULT_SCOPE = "default";

  public PlanOptions {
    scope = scope == null ? DEFAULT_SCOPE : scope;
    targets = Set.copyOf(targets);
  }

  /** Without --allow-empty. */
  public PlanOptions(
      boolean prune,
      boolean allowRestart,
      boolean adopt,
      String defaultHost,
      String scope,
      Set<String> targets) {
    this(prune, allowRestart, adopt, defaultHost, scope, targets, false);
  }

  /** Everything, in the default scope. */
  public static PlanOptions of(
      boolean prune, boolean allowRestart, boolean adopt, String defaultHost) {
    return new PlanOptions(prune, allowRestart, adopt, defaultHost, DEFAULT_SCOPE, Set.of());
  }
}
