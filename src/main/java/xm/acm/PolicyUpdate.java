package xm.acm;

import java.util.Optional;

/**
 * Whether a policy may be loaded over the active one, pure. A policy that names the policy it
 * updates ({@code FromPolicy}) is an update of exactly that policy and version: loaded over any
 * other it would rename labels it does not know, so it is refused. A policy without one may replace
 * any (the labels of the old one then show as {@code INV_ACM}), and a policy may always be loaded
 * again over itself.
 */
public final class PolicyUpdate {
  private PolicyUpdate() {}

  public static Optional<String> denyOver(Optional<SecurityPolicy> active, SecurityPolicy next) {
    if (next.fromPolicy().isEmpty()
        || active.isEmpty()
        || active.get().name().equals(next.name())) {
      return Optional.empty();
    }
    PolicyRef from = next.fromPolicy().get();
    SecurityPolicy now = active.get();
    if (from.name().equals(now.name()) && from.version().equals(now.version())) {
      return Optional.empty();
    }
    return Optional.of(
        "it updates policy "
            + from
            + ", but the active policy is "
            + now.name()
            + " "
            + now.version());
  }

  /**
   * Why {@code next} may not be loaded over {@code active} while these domains run, by name the
   * label each holds (policy and label): an update of another policy, a label of a policy it
   * neither is nor updates, a label it does not define or a Chinese Wall conflict. The one rule
   * every host and policy admission apply.
   */
  public static Optional<String> denyLoad(
      Optional<SecurityPolicy> active,
      SecurityPolicy next,
      java.util.Map<String, ResourceAccess.Held> running) {
    java.util.Map<String, String> labels = new java.util.TreeMap<>();
    java.util.Map<String, String> policies = new java.util.TreeMap<>();
    running.forEach(
        (name, held) -> {
          labels.put(name, held.label());
          policies.put(name, held.policy());
        });
    return denyOver(active, next)
        .or(() -> denyStranded(next, policies))
        .or(() -> ChineseWall.denyLoad(next, labels));
  }

  /**
   * The resource labels as they are once {@code next} is loaded: a label of the policy it is or
   * updates takes the name {@code next} gives it ({@code <Name from="old">new</Name>}) and {@code
   * next}'s policy name; other labels stay as they are.
   */
  public static java.util.Map<String, ResourceAccess.Held> relabelResources(
      SecurityPolicy next, java.util.Map<String, ResourceAccess.Held> held) {
    java.util.Map<String, ResourceAccess.Held> out = new java.util.LinkedHashMap<>();
    held.forEach(
        (resource, h) -> {
          if (!next.relabels(h.policy())) {
            out.put(resource, h);
            return;
          }
          Optional<ResourceLabel> renamed =
              next.resourceLabels().stream()
                  .filter(l -> l.from().filter(h.label()::equals).isPresent())
                  .findFirst();
          String label = renamed.map(ResourceLabel::name).orElse(h.label());
          out.put(resource, new ResourceAccess.Held(next.name(), label));
        });
    return out;
  }

  /**
   * Why {@code next} may not be loaded while these domains run, by domain name the policy of the
   * label each holds: a label of a policy {@code next} neither is nor updates would be left invalid
   * ({@code INV_ACM}), and the domain could then not be unpaused or restored.
   */
  public static Optional<String> denyStranded(
      SecurityPolicy next, java.util.Map<String, String> labelPolicies) {
    for (java.util.Map.Entry<String, String> d : labelPolicies.entrySet()) {
      if (d.getValue() != null && !next.relabels(d.getValue())) {
        return Optional.of(
            "running domain "
                + d.getKey()
                + " holds a label of policy "
                + d.getValue()
                + ", which "
                + next.name()
                + " "
                + (next.fromPolicy().isPresent()
                    ? "does not update"
                    : "neither is nor updates (it has no FromPolicy)")
                + "; stop or relabel "
                + d.getKey()
                + " first");
      }
    }
    return Optional.empty();
  }
}
