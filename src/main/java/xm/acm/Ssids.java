package xm.acm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The numbering Xen gives a policy's labels and types. VM labels are numbered {@code __UNLABELED__}
 * (0), then the bootstrap label, then the rest by name (Java's String order, which is Python's for
 * these names); resource labels follow the VM labels in the STE numbering, by name. Types are
 * numbered by name. A label's ssidref is {@code (steIndex << 16) | chwallIndex}.
 */
public final class Ssids {
  private final SecurityPolicy policy;
  private final List<VmLabel> vms;
  private final List<ResourceLabel> resources;

  public Ssids(SecurityPolicy policy) {
    this.policy = policy;
    List<VmLabel> rest = new ArrayList<>();
    VmLabel boot = null;
    for (VmLabel l : policy.vmLabels()) {
      if (l.name().equals(policy.bootstrap())) {
        boot = l;
      } else if (!l.name().equals(SecurityPolicy.UNLABELED)) {
        rest.add(l);
      }
    }
    rest.sort(Comparator.comparing(VmLabel::name));
    List<VmLabel> ordered = new ArrayList<>();
    if (boot != null) {
      ordered.add(boot);
    }
    ordered.addAll(rest);
    this.vms = List.copyOf(ordered);
    this.resources =
        policy.resourceLabels().stream()
            .filter(r -> !r.name().equals(SecurityPolicy.UNLABELED))
            .sorted(Comparator.comparing(ResourceLabel::name))
            .toList();
  }

  /** VM labels in ssid order, starting at ssid 1 (ssid 0 is the unlabeled one). */
  public List<VmLabel> vmLabels() {
    return vms;
  }

  /** Resource labels in STE ssid order, starting at ssid {@code vmLabels().size() + 1}. */
  public List<ResourceLabel> resourceLabels() {
    return resources;
  }

  /**
   * VM labels that get a Chinese Wall ssid: all of them when the policy has a Chinese Wall part.
   */
  public List<VmLabel> chwallLabels() {
    return policy.chwallTypes().isEmpty() ? List.of() : vms;
  }

  /** VM labels that get an STE ssid: all of them when the policy has an STE part. */
  public List<VmLabel> steLabels() {
    return policy.steTypes().isEmpty() ? List.of() : vms;
  }

  /**
   * The ssidref of VM label {@code label}; {@code __UNLABELED__} is 0; empty if the policy has no
   * such label.
   */
  public Optional<Integer> ssidref(String label) {
    if (label.equals(SecurityPolicy.UNLABELED)) {
      return Optional.of(0);
    }
    int ste = index(steLabels(), label);
    int cw = index(chwallLabels(), label);
    if (ste < 0 && cw < 0) {
      return Optional.empty();
    }
    return Optional.of((Math.max(ste, 0) << 16) | Math.max(cw, 0));
  }

  private static int index(List<VmLabel> labels, String label) {
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).name().equals(label)) {
        return i + 1;
      }
    }
    return -1;
  }

  public static List<String> sorted(List<String> types) {
    return types.stream().sorted().toList();
  }
}
