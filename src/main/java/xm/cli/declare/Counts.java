package xm.cli.declare;

import xm.plan.Action;
import xm.plan.Change;
import xm.plan.Plan;

/**
 * What a drift report counts, each under its own name: domains, hosts, orphans, holds, policy
 * loads, resource labels.
 */
record Counts(
    long domains,
    long drifted,
    long pending,
    long hosts,
    long orphans,
    long pruned,
    long held,
    long policies,
    long resources) {
  static Counts of(Plan plan) {
    long domains = 0;
    long drifted = 0;
    long pending = 0;
    long hosts = 0;
    long orphans = 0;
    long pruned = 0;
    long held = 0;
    long policies = 0;
    long resources = 0;
    for (Change c : plan.changes()) {
      held += c.held().size();
      if (c.action() == Action.LOAD_POLICY) {
        policies++;
        continue;
      }
      if (c.action() == Action.LABEL_RESOURCES) {
        resources += c.ops().size();
        continue;
      }
      if (!c.isDomain()) {
        hosts += c.isDrift() ? 1 : 0;
        continue;
      }
      if (c.action() == Action.ORPHAN) {
        orphans++;
        continue;
      }
      if (c.action() == Action.DESTROY) {
        pruned++;
        continue;
      }
      domains++;
      drifted += c.isDrift() ? 1 : 0;
      pending += c.pending().isEmpty() ? 0 : 1;
    }
    return new Counts(domains, drifted, pending, hosts, orphans, pruned, held, policies, resources);
  }

  /**
   * "Drift: 2 of 6 domains differ from their specs (1 only by a pending restart); 1 host to make."
   */
  String sentence() {
    StringBuilder b = new StringBuilder();
    if (quiet()) {
      b.append(held > 0 ? "No drift to fix: " : "No drift: ")
          .append(domains)
          .append(plural(domains, " domain"))
          .append(domains == 1 ? " matches its spec" : " match their specs");
      if (held > 0) {
        b.append(", ").append(held).append(plural(held, " field")).append(" held by operators");
      }
    } else {
      b.append("Drift: ")
          .append(drifted)
          .append(" of ")
          .append(domains)
          .append(plural(domains, " domain"))
          .append(drifted == 1 ? " differs from its spec" : " differ from their specs");
      if (pending > 0) {
        b.append(" (").append(pending).append(" with a pending restart)");
      }
      if (hosts > 0) {
        b.append("; ").append(hosts).append(plural(hosts, " host")).append(" to make");
      }
      if (policies > 0) {
        b.append("; ")
            .append(policies)
            .append(policies == 1 ? " policy" : " policies")
            .append(" to load");
      }
      if (resources > 0) {
        b.append("; ").append(resources).append(plural(resources, " resource")).append(" to label");
      }
      if (pruned > 0) {
        b.append("; ")
            .append(pruned)
            .append(" managed")
            .append(plural(pruned, " domain"))
            .append(" to prune");
      }
    }
    if (orphans > 0) {
      b.append("; ")
          .append(orphans)
          .append(" managed")
          .append(plural(orphans, " domain"))
          .append(" of the scope not in these specs (apply --prune would destroy ")
          .append(orphans == 1 ? "it" : "them")
          .append(" unless opted out)");
    }
    return b.append('.').toString();
  }

  /** Whether nothing is to change (held fields and orphans apart). */
  boolean quiet() {
    return drifted == 0 && hosts == 0 && pruned == 0 && policies == 0 && resources == 0;
  }

  private static String plural(long n, String word) {
    return n == 1 ? word : word + "s";
  }
}
