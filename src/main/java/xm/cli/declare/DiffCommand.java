package xm.cli.declare;

import java.util.List;
import xm.cli.ExitCodes;
import xm.cli.Json;
import xm.cli.Opt;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.plan.Change;

/**
 * {@code xm diff -f SPECS [-o text|json|junit|markdown]}: what differs between the specs and the
 * hosts, per domain and field, with where the spec declares it and which command caused it.
 * Exit 0 no drift, 2 drift, 1 error.
 */
public final class DiffCommand extends XmCommand {
  static final Opt FILE = Opt.value("-f", "--filename", "<path>", "Spec file, directory (recursive) or - for standard input; repeatable");
  static final Opt OUTPUT = Opt.value("-o", "--output", "<format>", "text (default), json, junit or markdown");
  static final Opt PRUNE = Opt.flag(null, "--prune", "Show managed domains no spec declares as to be destroyed");

  @Override
  protected List<Opt> options() {
    return List.of(FILE, OUTPUT, PRUNE);
  }

  @Override
  public Integer call() {
    requireArgs(0);
    List<String> files = listValue(FILE);
    if (files == null) {
      throw new UsageException("'xm diff' needs -f SPECS (a file, a directory, or - for standard input)");
    }
    String output = value(OUTPUT, "text");
    if (!List.of("text", "json", "junit", "markdown").contains(output)) {
      throw new UsageException("unknown output format '" + output + "' (use text, json, junit or markdown)");
    }
    Reconciliation r = Reconciliation.run(env, backends(), files, has(PRUNE), false, false);
    switch (output) {
      case "json" -> out().print(Json.write(PlanView.json(r.plan, r.causes)));
      case "junit" -> out().print(CiReports.junit(r.plan, r.causes));
      case "markdown" -> out().print(CiReports.markdown(r.plan, r.causes));
      default -> {
        for (String p : r.plan.problems()) {
          err().println("Error: " + p);
        }
        long drifted = r.plan.changes().stream().filter(Change::isDrift).count();
        long held = r.plan.changes().stream().mapToLong(c -> c.held().size()).sum();
        if (drifted == 0 && held > 0) {
          out().print(PlanView.text(r.plan, r.causes, false, env.terminal()));
          out().println();
          out().println("No drift to fix: " + r.plan.changes().size() + " domain(s) match their specs, " + held
              + " field(s) held by operators.");
        } else if (drifted == 0) {
          out().println("No drift: " + r.plan.changes().size() + " domain(s) match their specs.");
        } else {
          out().print(PlanView.text(r.plan, r.causes, false, env.terminal()));
          out().println();
          out().println("Drift: " + drifted + " of " + r.plan.changes().size() + " domain(s) differ from their specs.");
        }
      }
    }
    if (r.plan.refused()) {
      return ExitCodes.ERROR;
    }
    return r.plan.hasDrift() ? ExitCodes.DRIFT : ExitCodes.OK;
  }
}
