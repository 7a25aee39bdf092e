package xm.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xm.diag.Diagnostic;
import xm.spec.SpecSet;

/**
 * The guard against an empty spec source: a file that is empty, only {@code ---} or comments, an
 * empty standard input or a directory of empty files reads as "no domains", and with {@code
 * --prune} that would remove every managed domain of the scope. That is far more often a broken
 * pipeline or a wrong path than a wish, so such a plan is refused unless {@code --allow-empty} says
 * it is meant (as Argo CD's {@code allowEmpty}).
 */
final class EmptySpecs {
  /** The refusal names at most this many of the domains. */
  static final int NAMES_SHOWN = 5;

  private EmptySpecs() {}

  /**
   * The refusal, or null when the plan may go ahead. {@code pruned}: what the plan would prune,
   * each copy of a name found on several hosts named with its host.
   */
  static Diagnostic check(SpecSet specs, List<Planner.Copy> pruned, PlanOptions o) {
    if (!o.prune() || o.allowEmpty() || !specs.domains().isEmpty() || pruned.isEmpty()) {
      return null;
    }
    Map<String, Integer> copies = new HashMap<>();
    for (Planner.Copy c : pruned) {
      copies.merge(c.info().name(), 1, Integer::sum);
    }
    List<String> names = new ArrayList<>();
    for (Planner.Copy c : pruned) {
      String name = c.info().name();
      names.add(copies.get(name) > 1 ? name + " on " + c.host() : name);
    }
    Collections.sort(names);
    int n = names.size();
    String which = n == 1 ? "the 1 managed domain" : "all " + n + " managed domains";
    return Diagnostic.error(
        null,
        "the specs declare no domains, so --prune would remove "
            + which
            + " of scope '"
            + o.scope()
            + "' ("
            + Lists.cut(names, NAMES_SHOWN)
            + ")",
        "pass --allow-empty if that is what you want");
  }
}
