package xm.cli.declare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import xm.cli.ExitCodes;
import xm.cli.Opt;
import xm.diag.Diagnostic;
import xm.reconcile.EngineListener;
import xm.reconcile.Result;
import xm.spec.SpecError;

/**
 * {@code xm diff -f SPECS [--scope S] [--target D] [--prune] [--allow-restart] [--adopt]
 * [-o FORMAT[=FILE]]...}: what differs between the specs and the hosts, per domain and field,
 * with where the spec declares it and which command caused it. Exit 0 when {@code xm apply} with
 * the same flags would change nothing and leave nothing pending, 2 when it would, 1 on errors
 * (bad specs, a refused plan). One observation can be written in several formats at once.
 */
public final class DiffCommand extends PlanningCommand {
  static final Opt OUTPUT = Opt.value("-o", "--output", "<format[=file]>",
      "text (default), json, junit or markdown, to standard output or to a file; repeatable");

  @Override
  protected List<Opt> options() {
    List<Opt> all = new ArrayList<>(planningOptions());
    all.add(OUTPUT);
    return all;
  }

  @Override
  public Integer call() {
    requireArgs(0);
    List<Report> reports = Report.parse(values(OUTPUT), env.cwd());
    Result r;
    try {
      r = backends().engine().reconcile(source(), settings(1, Duration.ZERO, Duration.ZERO), false, EngineListener.NONE);
    } catch (SpecError e) {
      List<Diagnostic> problems = e.problems().stream().map(p -> Diagnostic.fromText(Diagnostic.Severity.ERROR, p)).toList();
      Report.writeAll(reports, null, null, problems, env, false);
      return ExitCodes.ERROR;
    }
    Report.writeAll(reports, r.plan(), r.observation().causes(), r.plan().problems(), env, env.terminal());
    if (r.plan().refused()) {
      return ExitCodes.ERROR;
    }
    return r.plan().hasDrift() ? ExitCodes.DRIFT : ExitCodes.OK;
  }
}
