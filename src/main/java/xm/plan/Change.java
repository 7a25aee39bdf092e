package xm.plan;

import java.util.List;
import xm.diag.Location;

/**
 * Everything the plan does to one domain (or host): the action, the fields that differ, the
 * operations that make them agree (run in order), fields left alone because they are held or need a
 * restart that was not allowed, and a reason for the user (never used for decisions).
 */
public record Change(
    String host,
    String domain,
    Action action,
    List<FieldChange> fields,
    List<Op> ops,
    List<Hold> held,
    List<FieldChange> pending,
    String reason,
    int wave,
    Location where,
    List<String> dependsOn) {

  public Change {
    dependsOn = List.copyOf(dependsOn);
    fields = List.copyOf(fields);
    ops = List.copyOf(ops);
    held = List.copyOf(held);
    pending = List.copyOf(pending);
  }

  public Change(
      String host,
      String domain,
      Action action,
      List<FieldChange> fields,
      List<Op> ops,
      List<Hold> held,
      List<FieldChange> pending,
      String reason,
      int wave,
      Location where) {
    this(host, domain, action, fields, ops, held, pending, reason, wave, where, List.of());
  }

  /**
   * Whether apply would do something here or leave a restart pending (what diff reports and exits 2
   * for). A domain that is only not in the specs is not drift unless it would be pruned.
   */
  public boolean isDrift() {
    return !ops.isEmpty() || !pending.isEmpty();
  }

  /** Whether this change is about a domain (not a host). */
  public boolean isDomain() {
    return !domain.isEmpty();
  }
}
