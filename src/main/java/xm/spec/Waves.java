package xm.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Orders domains by dependsOn: wave 0 depends on nothing, wave n on waves below n. */
public final class Waves {
  private Waves() {}

  /** The wave of each domain (names not declared are ignored). Requires no cycles. */
  public static Map<String, Integer> of(List<DomainSpec> domains) {
    Map<String, DomainSpec> byName = new HashMap<>();
    for (DomainSpec d : domains) {
      byName.putIfAbsent(d.name(), d);
    }
    Map<String, Integer> wave = new HashMap<>();
    for (DomainSpec d : domains) {
      waveOf(d.name(), byName, wave, new LinkedHashSet<>());
    }
    return wave;
  }

  private static int waveOf(
      String name, Map<String, DomainSpec> byName, Map<String, Integer> wave, Set<String> path) {
    Integer known = wave.get(name);
    if (known != null) {
      return known;
    }
    DomainSpec d = byName.get(name);
    if (d == null || !path.add(name)) {
      return 0;
    }
    int w = 0;
    for (String dep : d.dependsOn()) {
      if (byName.containsKey(dep) && !dep.equals(name)) {
        w = Math.max(w, waveOf(dep, byName, wave, path) + 1);
      }
    }
    path.remove(name);
    wave.put(name, w);
    return w;
  }

  /** The names on a dependsOn cycle, in order, or empty. */
  static Set<String> cycle(List<DomainSpec> domains) {
    Map<String, DomainSpec> byName = new HashMap<>();
    for (DomainSpec d : domains) {
      byName.putIfAbsent(d.name(), d);
    }
    Map<String, Integer> color = new HashMap<>();
    for (DomainSpec d : domains) {
      List<String> stack = new ArrayList<>();
      Set<String> found = visit(d.name(), byName, color, stack);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return Set.of();
  }

  private static Set<String> visit(
      String n, Map<String, DomainSpec> byName, Map<String, Integer> color, List<String> stack) {
    int c = color.getOrDefault(n, 0);
    if (c == 2 || !byName.containsKey(n)) {
      return Set.of();
    }
    if (c == 1) {
      return new LinkedHashSet<>(stack.subList(stack.indexOf(n), stack.size()));
    }
    color.put(n, 1);
    stack.add(n);
    for (String dep : byName.get(n).dependsOn()) {
      if (!dep.equals(n)) {
        Set<String> found = visit(dep, byName, color, stack);
        if (!found.isEmpty()) {
          return found;
        }
      }
    }
    stack.remove(stack.size() - 1);
    color.put(n, 2);
    return Set.of();
  }
}
