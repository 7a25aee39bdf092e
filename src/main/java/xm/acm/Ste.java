package xm.acm;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Simple Type Enforcement decisions, pure: a domain may use a resource, or talk to another domain,
 * only if their STE type sets intersect; a domain may run only if its types intersect those of the
 * bootstrap label (Domain-0's).
 */
public final class Ste {
  private Ste() {}

  public static boolean mayUse(VmLabel vm, ResourceLabel resource) {
    return intersect(vm.steTypes(), resource.steTypes());
  }

  public static boolean mayCommunicate(VmLabel a, VmLabel b) {
    return intersect(a.steTypes(), b.steTypes());
  }

  /**
   * Whether Domain-0 (the bootstrap label) holds a type of {@code vm}: else "VM is not authorized
   * to run."
   */
  public static boolean authorizedToRun(SecurityPolicy p, VmLabel vm) {
    return intersect(p.bootstrapLabel().steTypes(), vm.steTypes());
  }

  private static boolean intersect(List<String> a, List<String> b) {
    Set<String> common = new HashSet<>(a);
    common.retainAll(b);
    return !common.isEmpty();
  }
}
