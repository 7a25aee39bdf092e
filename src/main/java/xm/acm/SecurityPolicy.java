package xm.acm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ACM security policy as declared: name ({@code a.b.c}), version ({@code N.M}), the declared STE
 * and Chinese Wall types and conflict sets, the VM and resource labels, and the bootstrap label
 * (Domain-0's), and the policy it updates ({@code FromPolicy}), if any. Lists keep document order.
 * A policy built here is not yet checked: {@link PolicyRules} checks one, and {@link PolicyXml}
 * only returns checked ones.
 */
public record SecurityPolicy(
    String name,
    String version,
    List<String> steTypes,
    List<String> chwallTypes,
    List<ConflictSet> conflictSets,
    List<VmLabel> vmLabels,
    List<ResourceLabel> resourceLabels,
    String bootstrap,
    Optional<PolicyRef> fromPolicy) {

  /** The name of the label a domain without one holds (ssidref 0). */
  public static final String UNLABELED = "__UNLABELED__";

  public SecurityPolicy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    steTypes = List.copyOf(steTypes);
    chwallTypes = List.copyOf(chwallTypes);
    conflictSets = List.copyOf(conflictSets);
    vmLabels = List.copyOf(vmLabels);
    resourceLabels = List.copyOf(resourceLabels);
    Objects.requireNonNull(bootstrap, "bootstrap");
    Objects.requireNonNull(fromPolicy, "fromPolicy");
  }

  /** A policy that updates none. */
  public SecurityPolicy(
      String name,
      String version,
      List<String> steTypes,
      List<String> chwallTypes,
      List<ConflictSet> conflictSets,
      List<VmLabel> vmLabels,
      List<ResourceLabel> resourceLabels,
      String bootstrap) {
    this(
        name,
        version,
        steTypes,
        chwallTypes,
        conflictSets,
        vmLabels,
        resourceLabels,
        bootstrap,
        Optional.empty());
  }

  /**
   * Whether a domain labeled for policy {@code policy} takes its label name from this one when it
   * is loaded: this policy itself (an update in place) or the policy it updates.
   */
  public boolean relabels(String policy) {
    return name.equals(policy) || fromPolicy.map(f -> f.name().equals(policy)).orElse(false);
  }

  public Optional<VmLabel> vmLabel(String label) {
    return vmLabels.stream().filter(l -> l.name().equals(label)).findFirst();
  }

  public Optional<ResourceLabel> resourceLabel(String label) {
    return resourceLabels.stream().filter(l -> l.name().equals(label)).findFirst();
  }

  /** The bootstrap label (Domain-0's); present in every checked policy. */
  public VmLabel bootstrapLabel() {
    return vmLabel(bootstrap)
        .orElseThrow(
            () -> new IllegalStateException("bootstrap label " + bootstrap + " is not a VM label"));
  }
}
