package xm.cli.declare;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xm.cli.Text;
import xm.diag.Diagnostic;
import xm.plan.Action;
import xm.plan.Change;
import xm.plan.FieldChange;
import xm.plan.Hold;
import xm.plan.Plan;
import xm.reconcile.Causes;
import xm.reconcile.PlanJson;

/** A plan as people and programs read it: Terraform-like text, or JSON. */
final class PlanView {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private PlanView() {}

  /** Orphans named per host in a text plan; the rest are counted. */
  static final int ORPHAN_NAMES = 10;

  /**
   * Changes by host; in-sync domains are left out, and the managed domains of the scope that these
   * specs do not declare are one line per host (a subset of a large fleet stays readable).
   */
  static String text(Plan plan, Causes causes, boolean colour) {
    StringBuilder b = new StringBuilder();
    Map<String, List<Change>> byHost = new java.util.TreeMap<>();
    for (Change c : plan.changes()) {
      byHost.computeIfAbsent(c.host(), h -> new ArrayList<>()).add(c);
    }
    for (Map.Entry<String, List<Change>> e : byHost.entrySet()) {
      StringBuilder h = new StringBuilder();
      List<String> orphans = new ArrayList<>();
      for (Change c : e.getValue()) {
        if (c.action() == Action.ORPHAN) {
          orphans.add(c.domain());
        } else if (c.isDrift() || !c.held().isEmpty()) {
          change(h, c, causes, colour);
        }
      }
      if (!orphans.isEmpty()) {
        h.append("  ")
            .append(paint(Action.ORPHAN.glyph(), Action.ORPHAN, colour))
            .append(' ')
            .append(orphans.size())
            .append(orphans.size() == 1 ? " managed domain" : " managed domains")
            .append(" not in these specs (apply --prune would destroy ")
            .append(orphans.size() == 1 ? "it" : "them")
            .append(", unless opted out): ")
            .append(xm.plan.Lists.cut(orphans, ORPHAN_NAMES))
            .append('\n');
      }
      if (h.length() > 0) {
        b.append(e.getKey()).append(":\n").append(h);
      }
    }
    return b.toString();
  }

  private static void change(StringBuilder b, Change c, Causes causes, boolean colour) {
    String glyph = paint(c.action().glyph(), c.action(), colour);
    b.append("  ")
        .append(glyph)
        .append(' ')
        .append(subject(c))
        .append("  ")
        .append(c.action() == Action.NOOP ? c.reason() : c.action().verb() + ": " + c.reason());
    if (c.where() != null && c.where().line() > 0) {
      b.append("  [").append(c.where().source()).append(':').append(c.where().line()).append(']');
    }
    b.append('\n');
    for (FieldChange f : c.fields()) {
      field(b, c, f, causes, false);
    }
    for (FieldChange f : c.pending()) {
      field(b, c, f, causes, true);
    }
    for (Hold h : c.held()) {
      b.append("      ")
          .append(h.field())
          .append(": held until ")
          .append(TIME.format(Instant.ofEpochMilli(h.untilMs())))
          .append(h.origin().isEmpty() ? "" : " by '" + Text.printable(h.origin()) + "'")
          .append("; apply leaves it alone\n");
    }
  }

  /** What a change is about: its domain, or the host, its policy or the resource labels. */
  static String subject(Change c) {
    return c.isDomain()
        ? c.domain()
        : switch (c.action()) {
          case LOAD_POLICY -> "(policy)";
          case LABEL_RESOURCES -> "(resource labels)";
          default -> "(host)";
        };
  }

  private static void field(
      StringBuilder b, Change c, FieldChange f, Causes causes, boolean pending) {
    b.append("      ")
        .append(f.field())
        .append(": ")
        .append(Text.printable(f.before()))
        .append(" -> ")
        .append(Text.printable(f.after()))
        .append("  (")
        .append(pending ? "pending: " : "")
        .append(f.operation())
        .append(
            f.operation().equals("create")
                ? ""
                : f.live()
                    ? ", live"
                    : f.operation().startsWith("restart") ? ", needs a restart" : "")
        .append(')');
    if (f.where() != null && f.where().line() > 0) {
      b.append("  declared at ").append(f.where().source()).append(':').append(f.where().line());
    }
    String cause = cause(c, f, causes);
    if (cause != null) {
      b.append("; changed by ").append(Text.printable(cause));
    }
    b.append('\n');
  }

  static String cause(Change c, FieldChange f, Causes causes) {
    return PlanJson.cause(c, f, causes);
  }

  static String summary(Plan plan) {
    long hosts = plan.count(Action.CREATE_HOST);
    long access =
        plan.count(Action.LOAD_POLICY)
            + plan.changes().stream()
                .filter(c -> c.action() == Action.LABEL_RESOURCES)
                .mapToLong(c -> c.ops().size())
                .sum();
    return "Plan: "
        + (hosts > 0 ? hosts + " host(s) to make, " : "")
        + (access > 0
            ? plan.count(Action.LOAD_POLICY)
                + " policy load(s), "
                + (access - plan.count(Action.LOAD_POLICY))
                + " resource label(s), "
            : "")
        + plan.count(Action.CREATE)
        + " to create, "
        + plan.count(Action.UPDATE)
        + " to update, "
        + plan.count(Action.REPLACE)
        + " to replace, "
        + plan.count(Action.MIGRATE)
        + " to migrate, "
        + plan.count(Action.STOP)
        + " to stop, "
        + plan.count(Action.DESTROY)
        + " to destroy, "
        + plan.count(Action.ADOPT)
        + " to adopt; "
        + pendingCount(plan)
        + " pending restart, "
        + plan.count(Action.ORPHAN)
        + " not in the specs, "
        + plan.count(Action.NOOP)
        + " in sync.";
  }

  static long pendingCount(Plan plan) {
    return plan.changes().stream().filter(c -> !c.pending().isEmpty()).count();
  }

  private static String paint(String glyph, Action a, boolean colour) {
    if (!colour) {
      return glyph;
    }
    String code =
        switch (a) {
          case CREATE, CREATE_HOST -> "32";
          case DESTROY, STOP, REPLACE -> "31";
          case UPDATE, MIGRATE, ADOPT, LOAD_POLICY, LABEL_RESOURCES -> "33";
          case PENDING, ORPHAN, NOOP -> "36";
        };
    return "\u001b[" + code + "m" + glyph + "\u001b[0m";
  }

  /**
   * The JSON of a plan ({@code xm diff -o json}); {@code plan} may be null when the specs could not
   * be read.
   */
  static Map<String, Object> json(Plan plan, Causes causes, List<Diagnostic> problems) {
    return PlanJson.of(plan, causes, problems);
  }
}
