package xm.cli.declare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xm.cli.Env;
import xm.cli.Json;
import xm.cli.UsageException;
import xm.diag.Diagnostic;
import xm.diag.XmException;
import xm.plan.Plan;
import xm.reconcile.Causes;

/**
 * One rendering of a drift observation: a format and where it goes ({@code -o junit=FILE}, or
 * standard output when no file is named). All the renderings of one diff come from the same plan,
 * so they never disagree.
 */
record Report(String format, Path file) {
  static final List<String> FORMATS = List.of("text", "json", "junit", "markdown");

  static List<Report> parse(List<String> values, Path cwd) {
    List<Report> out = new ArrayList<>();
    for (String v : values.isEmpty() ? List.of("text") : values) {
      int eq = v.indexOf('=');
      String format = eq < 0 ? v : v.substring(0, eq);
      if (!FORMATS.contains(format)) {
        throw new UsageException(
            "unknown output format '"
                + format
                + "' (use text, json, junit or markdown, optionally =FILE)");
      }
      if (eq >= 0 && eq == v.length() - 1) {
        throw new UsageException(
            "-o "
                + v
                + " names no file; write -o "
                + format
                + "=FILE, or -o "
                + format
                + " for standard output");
      }
      out.add(new Report(format, eq < 0 ? null : cwd.resolve(v.substring(eq + 1))));
    }
    java.util.Set<Path> files = new java.util.HashSet<>();
    for (Report r : out) {
      if (r.file != null && !files.add(r.file.toAbsolutePath().normalize())) {
        throw new UsageException(
            "two -o formats both write " + r.file + "; give each its own file");
      }
    }
    if (out.stream().filter(r -> r.file == null).count() > 1) {
      throw new UsageException(
          "only one -o format can go to standard output; send the others to files with -o FORMAT=FILE");
    }
    return out;
  }

  /** Writes every report; errors and warnings also go to standard error, one line each. */
  static void writeAll(
      List<Report> reports,
      Plan plan,
      Causes causes,
      List<Diagnostic> problems,
      Env env,
      boolean colour) {
    Causes c = causes == null ? Causes.NONE : causes;
    for (Diagnostic p : problems) {
      env.err().println(xm.diag.SafeText.errorLine("Error: " + p));
    }
    if (plan != null) {
      for (Diagnostic w : plan.warnings()) {
        env.err().println("Warning: " + w);
      }
    }
    if (plan != null && reports.stream().noneMatch(r -> r.file == null)) {
      env.out()
          .println(
              problems.isEmpty()
                  ? Counts.of(plan).sentence()
                  : "Plan refused ("
                      + problems.size()
                      + (problems.size() == 1 ? " problem" : " problems")
                      + ").");
    }
    for (Report r : reports) {
      String text =
          switch (r.format) {
            case "json" -> Json.write(PlanView.json(plan, c, problems));
            case "junit" -> CiReports.junit(plan, c, problems);
            case "markdown" -> CiReports.markdown(plan, c, problems);
            default -> text(plan, c, problems, r.file == null && colour);
          };
      if (r.file == null) {
        env.out().print(text);
      } else {
        write(r.file, text);
      }
    }
  }

  private static String text(Plan plan, Causes causes, List<Diagnostic> problems, boolean colour) {
    if (plan == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    String changes = PlanView.text(plan, causes, colour);
    if (!changes.isEmpty()) {
      b.append(changes).append('\n');
    }
    if (!problems.isEmpty()) {
      b.append("Plan refused (")
          .append(problems.size())
          .append(problems.size() == 1 ? " problem" : " problems")
          .append("): apply would change nothing.\n");
    } else {
      b.append(Counts.of(plan).sentence()).append('\n');
    }
    return b.toString();
  }

  private static void write(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      xm.files.AtomicFiles.replace(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw XmException.error("cannot write " + file + ": " + e.getMessage());
    }
  }
}
