package xm.cli.declare;

import java.util.List;
import xm.diag.Diagnostic;
import xm.plan.Change;
import xm.plan.FieldChange;
import xm.plan.Plan;
import xm.reconcile.Causes;

/**
 * Drift as CI systems read it: JUnit XML (one test case per domain, one error test case per
 * problem) and Markdown (for pull requests). {@code plan} is null when the specs could not be read;
 * the problems are still reported.
 */
final class CiReports {
  private CiReports() {}

  static String junit(Plan plan, Causes causes, List<Diagnostic> problems) {
    List<Change> changes = plan == null ? List.of() : plan.changes();
    long failures = changes.stream().filter(Change::isDrift).count();
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuite name=\"xm drift\" tests=\"")
        .append(changes.size() + problems.size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"")
        .append(problems.size())
        .append("\">\n");
    for (Diagnostic p : problems) {
      b.append("  <testcase classname=\"xm\" name=\"")
          .append(esc(p.where() == null ? "plan" : p.where().toString()))
          .append("\">\n    <error message=\"")
          .append(esc(p.toString()))
          .append("\"/>\n  </testcase>\n");
    }
    for (Change c : changes) {
      b.append("  <testcase classname=\"")
          .append(esc(c.host()))
          .append("\" name=\"")
          .append(esc(c.isDomain() ? c.domain() : "(host)"))
          .append('"');
      if (!c.isDrift()) {
        b.append("/>\n");
        continue;
      }
      b.append(">\n    <failure message=\"")
          .append(esc(c.action().verb() + ": " + c.reason()))
          .append("\">");
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

  static String markdown(Plan plan, Causes causes, List<Diagnostic> problems) {
    StringBuilder b = new StringBuilder();
    Counts n = plan == null ? null : Counts.of(plan);
    b.append("### xm drift: ")
        .append(
            !problems.isEmpty()
                ? "refused"
                : n.quiet()
                    ? "no drift"
                    : n.drifted() + " of " + n.domains() + " domains differ from their specs")
        .append("\n\n");
    if (n != null && problems.isEmpty()) {
      b.append(md(n.sentence())).append("\n\n");
    }
    for (Diagnostic p : problems) {
      b.append("- **error:** ").append(md(p.toString())).append('\n');
    }
    if (n == null || n.quiet()) {
      return b.toString();
    }
    b.append("| | host | domain | field | spec | host has | declared at | caused by |\n");
    b.append("|---|---|---|---|---|---|---|---|\n");
    for (Change c : plan.changes()) {
      if (!c.isDrift()) {
        continue;
      }
      if (c.fields().isEmpty() && c.pending().isEmpty()) {
        b.append("| `")
            .append(c.action().glyph())
            .append("` | ")
            .append(md(c.host()))
            .append(" | ")
            .append(md(c.domain()))
            .append(" | | | | | ")
            .append(md(c.reason()))
            .append(" |\n");
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

  private static void row(StringBuilder b, Change c, FieldChange f, Causes causes, String note) {
    String cause = PlanView.cause(c, f, causes);
    b.append("| `")
        .append(c.action().glyph())
        .append("` | ")
        .append(md(c.host()))
        .append(" | ")
        .append(md(c.domain()))
        .append(" | ")
        .append(md(f.field()))
        .append(note)
        .append(" | ")
        .append(md(f.after()))
        .append(" | ")
        .append(md(f.before()))
        .append(" | ")
        .append(
            f.where() == null || f.where().line() <= 0
                ? ""
                : md(f.where().source() + ":" + f.where().line()))
        .append(" | ")
        .append(cause == null ? "" : "`" + cause.replace("`", "'") + "`")
        .append(" |\n");
  }

  private static String line(Change c, FieldChange f, Causes causes) {
    String cause = PlanView.cause(c, f, causes);
    return f.field()
        + ": spec "
        + f.after()
        + ", host "
        + f.before()
        + (f.where() == null || f.where().line() <= 0
            ? ""
            : " (declared at " + f.where().source() + ":" + f.where().line() + ")")
        + (cause == null ? "" : "; changed by " + cause);
  }

  private static String esc(String s) {
    return xm.cli.Text.printable(s)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String md(String s) {
    return xm.cli.Text.printable(s.replace("\n", " ")).replace("|", "\\|").replace("\n", " ");
  }
}
