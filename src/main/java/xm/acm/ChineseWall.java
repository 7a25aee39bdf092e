package xm.acm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chinese Wall decisions, pure: two domains may not run at the same time if they hold different
 * types of one conflict set. A domain without a label ({@code null} or {@code __UNLABELED__}) holds
 * no types. Running domains are given as domain name to label name, in a stable order.
 */
public final class ChineseWall {
  private ChineseWall() {}

  /**
   * Why a domain labeled {@code label} may not start while {@code running} run; empty if it may.
   */
  public static Optional<String> denyStart(
      SecurityPolicy p, String label, Map<String, String> running) {
    return denyStartAgainst(p, label, running).map(Denial::message);
  }

  /** A refusal and the running domain it is against (empty when the label itself is the reason). */
  public record Denial(String message, Optional<String> against) {}

  /** {@link #denyStart}, saying which running domain the conflict is with. */
  public static Optional<Denial> denyStartAgainst(
      SecurityPolicy p, String label, Map<String, String> running) {
    Optional<VmLabel> l = known(p, label);
    if (label != null && !label.equals(SecurityPolicy.UNLABELED) && l.isEmpty()) {
      return Optional.of(
          new Denial(
              "label '" + label + "' is not defined by policy " + p.name(), Optional.empty()));
    }
    for (Map.Entry<String, String> r : running.entrySet()) {
      Optional<String> c = conflict(p, l, known(p, r.getValue()));
      if (c.isPresent()) {
        return Optional.of(
            new Denial(
                "Domain in conflict set with running domain? ("
                    + label
                    + " against "
                    + r.getKey()
                    + " labeled "
                    + r.getValue()
                    + ": "
                    + c.get()
                    + ")",
                Optional.of(r.getKey())));
      }
    }
    return Optional.empty();
  }

  /**
   * Why policy {@code p} may not become active while {@code running} run; empty if it may. Each
   * running label must name a VM label of {@code p} (itself, or through a label's {@code from}),
   * and no two running domains may then conflict.
   */
  public static Optional<String> denyLoad(SecurityPolicy p, Map<String, String> running) {
    List<Map.Entry<String, Optional<VmLabel>>> now = new ArrayList<>();
    for (Map.Entry<String, String> r : running.entrySet()) {
      String label = r.getValue();
      Optional<VmLabel> l = renamed(p, label);
      if (label != null && !label.equals(SecurityPolicy.UNLABELED) && l.isEmpty()) {
        return Optional.of(
            "running domain "
                + r.getKey()
                + " would lose its label '"
                + label
                + "': policy "
                + p.name()
                + " does not define it");
      }
      for (Map.Entry<String, Optional<VmLabel>> other : now) {
        Optional<String> c = conflict(p, l, other.getValue());
        if (c.isPresent()) {
          return Optional.of(
              "running domains "
                  + other.getKey()
                  + " and "
                  + r.getKey()
                  + " would conflict: "
                  + c.get());
        }
      }
      now.add(Map.entry(r.getKey(), l));
    }
    return Optional.empty();
  }

  /** The conflict set and types by which {@code a} and {@code b} may not run together, if any. */
  static Optional<String> conflict(SecurityPolicy p, Optional<VmLabel> a, Optional<VmLabel> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    for (ConflictSet set : p.conflictSets()) {
      for (String x : a.get().chwallTypes()) {
        for (String y : b.get().chwallTypes()) {
          if (!x.equals(y) && set.types().contains(x) && set.types().contains(y)) {
            return Optional.of("conflict set " + set.name() + " holds both " + x + " and " + y);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<VmLabel> known(SecurityPolicy p, String label) {
    return label == null ? Optional.empty() : p.vmLabel(label);
  }

  /**
   * The label of {@code p} that running label {@code label} becomes: one renamed from it, else the
   * same name.
   */
  public static Optional<VmLabel> renamed(SecurityPolicy p, String label) {
    if (label == null) {
      return Optional.empty();
    }
    Optional<VmLabel> from =
        p.vmLabels().stream().filter(l -> l.from().filter(label::equals).isPresent()).findFirst();
    return from.isPresent()
        ? from
        : p.vmLabel(label).filter(l -> l.from().isEmpty() || l.from().get().equals(label));
  }
}
