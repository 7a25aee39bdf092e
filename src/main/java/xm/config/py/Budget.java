package xm.config.py;

/**
 * What one run of a config script has used so far: steps (statements and loop iterations) and work
 * (characters and items made, copied or compared). Each operation is bounded on its own by {@link
 * Limits}; the budget bounds their sum, so a loop of cheap operations ends too.
 */
final class Budget {
  private long steps;
  private long work;

  /** Counts one statement or loop iteration. */
  void step(Node at) {
    if (++steps > Limits.MAX_STEPS) {
      throw new PyError(
          "",
          "the config script runs too long (more than "
              + Limits.MAX_STEPS
              + " steps);"
              + " a config file should only compute a domain's settings",
          at);
    }
  }

  /** Counts {@code units} characters or items of work. */
  void charge(long units, Node at) {
    work += Math.max(0, units);
    if (work > Limits.MAX_WORK) {
      throw new PyError(
          "",
          "the config script does too much work (more than "
              + Limits.MAX_WORK
              + " characters and items made, copied or compared); a config file should only compute a domain's settings",
          at);
    }
  }

  /** The size an operation on {@code v} is charged for: its characters or its items. */
  static long size(Object v) {
    if (v instanceof String s) {
      return s.length();
    }
    if (v instanceof java.util.List<?> l) {
      return l.size();
    }
    if (v instanceof Tuple t) {
      return t.items().size();
    }
    if (v instanceof java.util.Map<?, ?> m) {
      return m.size();
    }
    return 1;
  }
}
