package xm.reconcile;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xm.diag.Diagnostic;
import xm.plan.Action;
import xm.plan.Change;
import xm.plan.FieldChange;
import xm.plan.Hold;
import xm.plan.Plan;

/**
 * A plan as the JSON document {@code xm diff -o json} prints (maps, lists, strings, numbers,
 * booleans, null), for programs to read, and the plan a saved plan keeps: applying a saved plan
 * checks that the plan made again renders to the same document.
 */
public final class PlanJson {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private PlanJson() {}

  /** The JSON of a plan; {@code plan} may be null when the specs could not be read. */
  public static Map<String, Object> of(Plan plan, Causes causes, List<Diagnostic> problems) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("drift", plan != null && plan.hasDrift());
    m.put("refused", !problems.isEmpty());
    m.put("problems", diagnostics(problems));
    m.put("warnings", diagnostics(plan == null ? List.of() : plan.warnings()));
    List<Object> changes = new ArrayList<>();
    for (Change c : plan == null ? List.<Change>of() : plan.changes()) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("host", c.host());
      cm.put("domain", c.domain());
      cm.put("action", c.action().name().toLowerCase());
      cm.put("glyph", c.action().glyph());
      cm.put("reason", c.reason());
      cm.put(
          "declared_at",
          c.where() == null || c.where().line() <= 0
              ? null
              : c.where().source() + ":" + c.where().line());
      cm.put("fields", fields(c, c.fields(), causes));
      cm.put("pending", fields(c, c.pending(), causes));
      List<Object> held = new ArrayList<>();
      for (Hold h : c.held()) {
        Map<String, Object> hm = new LinkedHashMap<>();
        hm.put("field", h.field());
        hm.put("until", TIME.format(Instant.ofEpochMilli(h.untilMs())));
        hm.put("origin", h.origin());
        held.add(hm);
      }
      cm.put("held", held);
      cm.put("wave", c.wave() == Integer.MAX_VALUE ? null : c.wave());
      changes.add(cm);
    }
    m.put("changes", changes);
    return m;
  }

  /** The diagnostics as JSON objects: severity, location, message, fix. */
  public static List<Object> diagnostics(List<Diagnostic> list) {
    List<Object> out = new ArrayList<>();
    for (Diagnostic d : list) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("severity", d.severity().name().toLowerCase());
      m.put("location", d.where() == null ? null : d.where().toString());
      m.put("summary", d.summary());
      m.put("detail", d.detail());
      m.put("message", d.toString());
      out.add(m);
    }
    return out;
  }

  /**
   * The command that last changed {@code f} of {@code c}'s domain, when it was not the reconciler.
   */
  public static String cause(Change c, FieldChange f, Causes causes) {
    // a create, a prune and an orphan are the plan's own doing, not drift anyone caused
    return c.action() == Action.CREATE
            || c.action() == Action.DESTROY
            || c.action() == Action.ORPHAN
            || !c.isDomain()
        ? null
        : causes.find(c.host(), c.domain(), f.field());
  }

  private static List<Object> fields(Change c, List<FieldChange> list, Causes causes) {
    List<Object> out = new ArrayList<>();
    for (FieldChange f : list) {
      Map<String, Object> fm = new LinkedHashMap<>();
      fm.put("field", f.field());
      fm.put("observed", f.before());
      fm.put("desired", f.after());
      fm.put("operation", f.operation());
      fm.put("live", f.live());
      fm.put(
          "declared_at",
          f.where() == null || f.where().line() <= 0
              ? null
              : f.where().source() + ":" + f.where().line());
      fm.put("caused_by", cause(c, f, causes));
      out.add(fm);
    }
    return out;
  }
}
