package xm.cli.declare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import xm.cli.ExitCodes;
import xm.cli.Opt;
import xm.cli.UsageException;
import xm.diag.Diagnostic;
import xm.reconcile.Engine;
import xm.reconcile.EngineListener;
import xm.reconcile.PlanFile;
import xm.reconcile.Result;
import xm.reconcile.SavedPlan;
import xm.reconcile.Settings;
import xm.spec.SpecError;

/**
 * {@code xm diff -f SPECS [--scope S] [--target D] [--prune [--allow-empty]] [--allow-restart]
 * [--adopt] [-o FORMAT[=FILE]]... [--save-plan FILE]}: what differs between the specs and the
 * hosts, per domain and field, with where the spec declares it and which command caused it. Exit 0
 * when {@code xm apply} with the same flags would change nothing and leave nothing pending, 2 when
 * it would, 1 on errors (bad specs, a refused plan). One observation can be written in several
 * formats at once. With --save-plan the plan is also kept in FILE (not when it is refused), for
 * {@code xm apply --plan}.
 */
public final class DiffCommand extends PlanningCommand {
  static final Opt OUTPUT =
      Opt.value(
          "-o",
          "--output",
          "<format[=file]>",
          "text (default), json, junit or markdown, to standard output or to a file; repeatable");
  static final Opt SAVE_PLAN =
      Opt.value(
          null,
          "--save-plan",
          "<file>",
          "Also save the plan to FILE, for xm apply --plan FILE to apply exactly it");

  @Override
  protected List<Opt> options() {
    List<Opt> all = new ArrayList<>(planningOptions());
    all.add(OUTPUT);
    all.add(SAVE_PLAN);
    return all;
  }

  @Override
  public Integer call() {
    requireArgs(0);
    List<Report> reports = Report.parse(values(OUTPUT), env.cwd());
    String save = value(SAVE_PLAN, null);
    if (save != null && save.isEmpty()) {
      throw new UsageException("--save-plan needs a file name");
    }
    java.util.Map<java.nio.file.Path, String> files = new java.util.LinkedHashMap<>();
    for (Report rep : reports) {
      if (rep.file() != null) {
        files.putIfAbsent(rep.file(), "-o " + rep.format());
      }
    }
    if (save != null) {
      files.merge(
          env.cwd().resolve(save),
          "--save-plan",
          (a, b) -> {
            throw new UsageException(
                a + " and --save-plan both write " + save + "; give each its own file");
          });
    }
    OutputFiles.check(files, backends().simHosts().home());
    Settings settings = settings(1, Duration.ZERO, Duration.ZERO);
    Result r;
    SavedPlan saved = null;
    try {
      if (save == null) {
        r = backends().engine().reconcile(source(), settings, false, EngineListener.NONE);
      } else {
        Engine.Saving s = backends().engine().planToSave(source(), settings);
        r = s.result();
        saved = s.plan();
      }
    } catch (SpecError e) {
      List<Diagnostic> problems =
          e.problems().stream()
              .map(p -> Diagnostic.fromText(Diagnostic.Severity.ERROR, p))
              .toList();
      Report.writeAll(reports, null, null, problems, env, false);
      notSaved(save);
      return ExitCodes.ERROR;
    }
    Report.writeAll(
        reports, r.plan(), r.observation().causes(), r.plan().problems(), env, env.terminal());
    if (r.plan().refused()) {
      notSaved(save);
      return ExitCodes.ERROR;
    }
    if (saved != null) {
      PlanFile.write(env.cwd().resolve(save), save, saved);
      err()
          .println(
              xm.diag.SafeText.errorLine(
                  "Saved the plan to "
                      + save
                      + "; xm apply --plan "
                      + save
                      + " applies exactly this plan."));
    }
    return r.plan().hasDrift() ? ExitCodes.DRIFT : ExitCodes.OK;
  }

  private void notSaved(String save) {
    if (save != null) {
      err()
          .println(
              xm.diag.SafeText.errorLine(
                  "Error: the plan was refused; nothing was saved to " + save + "."));
    }
  }
}
