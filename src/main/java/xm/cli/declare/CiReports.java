package xm.cli.declare;

import java.util.Map;
import xm.plan.Action;
import xm.plan.Change;
import xm.plan.FieldChange;
import xm.plan.Plan;

/** Drift as CI systems read it: JUnit XML (one test case per domain) and Markdown (for pull requests). */
final class CiReports {
  private CiReports() {}

  static String junit(Plan plan, Map<String, Causes> causes) {
    long failures = plan.changes().stream().filter(Change::isDrift).count();
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuite name=\"xm drift\" tests=\"").append(plan.changes().size()).append("\" failures=\"")
        .append(failures).append("\" errors=\"").append(plan.problems().size()).append("\">\n");
    for (String p : plan.problems()) {
      b.append("  <testcase classname=\"xm\" name=\"plan\">\n    <error message=\"").append(esc(p)).append("\"/>\n  </testcase>\n");
    }
    for (Change c : plan.changes()) {
      b.append("  <testcase classname=\"").append(esc(c.host())).append("\" name=\"")
          .append(esc(c.domain().isEmpty() ? "(host)" : c.domain())).append('"');
      if (!c.isDrift()) {
        b.append("/>\n");
        continue;
      }
      b.append(">\n    <failure message=\"").append(esc(c.action().verb() + ": " + c.reason())).append("\">");
      for (FieldChange f : c.fields()) {
        b.append(esc(line(c, f, causes))).append('\n');
      }
      for (FieldChange f : c.pending()) {
        b.append(esc("pending: " + line(c, f, causes))).append('\n');
      }
      b.append("</failure>\n  </testcase>\n");
    }
    return b.append("</testsuite>\n").toString();
  }

  static String markdown(Plan plan, Map<String, Causes> causes) {
    long drifted = plan.changes().stream().filter(Change::isDrift).count();
    StringBuilder b = new StringBuilder();
    b.append("### xm drift: ").append(drifted == 0 ? "no drift" : drifted + " of " + plan.changes().size()
        + " domains differ from their specs").append("\n\n");
    for (String p : plan.problems()) {
      b.append("- **error:** ").append(md(p)).append('\n');
    }
    if (drifted == 0) {
      return b.toString();
    }
    b.append("| | host | domain | field | spec | host has | declared at | caused by |\n");
    b.append("|---|---|---|---|---|---|---|---|\n");
    for (Change c : plan.changes()) {
      if (!c.isDrift()) {
        continue;
      }
      if (c.fields().isEmpty() && c.pending().isEmpty()) {
        b.append("| `").append(c.action().glyph()).append("` | ").append(md(c.host())).append(" | ").append(md(c.domain()))
            .append(" | | | | | ").append(md(c.reason())).append(" |\n");
      }
      for (FieldChange f : c.fields()) {
        row(b, c, f, causes, "");
      }
      for (FieldChange f : c.pending()) {
        row(b, c, f, causes, " (pending restart)");
      }
    }
    return b.toString();
  }

  private static void row(StringBuilder b, Change c, FieldChange f, Map<String, Causes> causes, String note) {
    String cause = c.action() == Action.CREATE ? null : Causes.on(causes, c.host()).find(c.domain(), f.field());
    b.append("| `").append(c.action().glyph()).append("` | ").append(md(c.host())).append(" | ").append(md(c.domain()))
        .append(" | ").append(md(f.field())).append(note).append(" | ").append(md(f.after())).append(" | ")
        .append(md(f.before())).append(" | ")
        .append(f.where() == null || f.where().line() <= 0 ? "" : md(f.where().source() + ":" + f.where().line()))
        .append(" | ").append(cause == null ? "" : "`" + cause.replace("`", "'") + "`").append(" |\n");
  }

  private static String line(Change c, FieldChange f, Map<String, Causes> causes) {
    String cause = c.action() == Action.CREATE ? null : Causes.on(causes, c.host()).find(c.domain(), f.field());
    return f.field() + ": spec " + f.after() + ", host " + f.before()
        + (f.where() == null || f.where().line() <= 0 ? "" : " (declared at " + f.where().source() + ":" + f.where().line() + ")")
        + (cause == null ? "" : "; changed by " + cause);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String md(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
