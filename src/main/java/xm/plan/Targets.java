package xm.plan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xm.diag.Diagnostic;
import xm.spec.DomainSpec;
import xm.spec.SpecSet;

/** {@code --target}: the named domains and, transitively, what they depend on. */
final class Targets {
  private Targets() {}

  /**
   * The names of the declared domains to plan: all of them without targets; else the targets and
   * their dependencies. A target that names nothing declared (nor a managed domain of the scope) is
   * an error.
   */
  static Set<String> closure(
      SpecSet specs,
      Set<String> targets,
      Planner.Running running,
      String scope,
      List<Diagnostic> problems) {
    Map<String, DomainSpec> byName = new HashMap<>();
    for (DomainSpec d : specs.domains()) {
      byName.put(d.name(), d);
    }
    if (targets.isEmpty()) {
      return byName.keySet();
    }
    Set<String> out = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    for (String t : targets.stream().sorted().toList()) {
      if (byName.containsKey(t)) {
        todo.add(t);
      } else {
        var info = running.info(t);
        if (info == null || !scope.equals(Scopes.of(info))) {
          problems.add(
              Diagnostic.error(
                  null,
                  "--target " + t + " names no domain of these specs",
                  "check the name, or give the file that declares it with -f"));
        }
      }
    }
    while (!todo.isEmpty()) {
      String n = todo.poll();
      if (out.add(n)) {
        for (String dep : byName.get(n).dependsOn()) {
          if (byName.containsKey(dep)) {
            todo.add(dep);
          }
        }
      }
    }
    return out;
  }
}
