package xm.acm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code xm dry-run}'s decisions and report, pure: the domain's label, then each of its resources,
 * decided as the host decides at create (everything but the Chinese Wall, which depends on what
 * runs at the time), in Xen's layout:
 *
 * <pre>
 * Checking domain:
 *    web1: PERMITTED
 * Checking resources:
 *    phy:ram0: DENIED
 *    --&gt; res: __UNLABELED__ (ACM:NULL)
 *    --&gt; dom: web (ACM:example.web)
 *    --&gt; resource 'phy:/dev/ram0' is not labeled; ...
 * Dry Run: FAILED
 * </pre>
 */
public final class DryRun {
  private DryRun() {}

  /** The lines to print and whether the dry run passed. */
  public record Report(List<String> lines, boolean passed) {}

  /**
   * @param policy the label's policy, null when the domain is unlabeled
   * @param label the domain's label, null when unlabeled
   * @param held the resource label store, by canonical name
   */
  public static Report check(
      Optional<SecurityPolicy> active,
      String domain,
      String policy,
      String label,
      List<ResourceAccess.Use> resources,
      Map<String, ResourceAccess.Held> held) {
    List<String> out = new ArrayList<>();
    out.add("Checking domain:");
    Optional<String> domainDenied = LabelAccess.denyRun(active, policy, label);
    if (domainDenied.isPresent()) {
      out.add("   " + domain + ": DENIED");
      out.add(
          "   --> " + (active.isEmpty() ? "Security off, but domain labeled" : domainDenied.get()));
      out.add("Checking resources: (skipped)");
      out.add("Dry Run: FAILED");
      return new Report(out, false);
    }
    out.add("   " + domain + ": PERMITTED");
    out.add("Checking resources:");
    boolean passed = true;
    for (ResourceAccess.Use r : resources) {
      ResourceAccess.Held h = held.get(r.canonical());
      Optional<String> why =
          ResourceAccess.decide(active, label, r.kind(), r.shown(), r.canonical(), h);
      if (why.isEmpty()) {
        out.add("   " + r.shown() + ": PERMITTED");
        continue;
      }
      passed = false;
      out.add("   " + r.shown() + ": DENIED");
      out.add(
          "   --> res: "
              + (h == null
                  ? SecurityPolicy.UNLABELED + " (ACM:NULL)"
                  : h.label() + " (ACM:" + h.policy() + ")"));
      out.add(
          "   --> dom: "
              + (label == null
                  ? SecurityPolicy.UNLABELED + " (ACM:NULL)"
                  : label + " (ACM:" + policy + ")"));
      out.add("   --> " + reason(why.get()));
    }
    out.add(passed ? "Dry Run: PASSED" : "Dry Run: FAILED");
    return new Report(out, passed);
  }

  /**
   * The decision's reason without the "VM's access to ... denied: " that the DENIED line already
   * says.
   */
  private static String reason(String why) {
    int at = why.indexOf(" denied: ");
    return at >= 0 ? why.substring(at + " denied: ".length()) : why;
  }
}
