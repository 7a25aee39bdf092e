package xm.cli.declare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xm.apply.Outcome;
import xm.apply.Status;
import xm.cli.ExitCodes;
import xm.cli.Json;
import xm.cli.Opt;
import xm.cli.UsageException;
import xm.diag.Diagnostic;
import xm.hypervisor.ApplyLock;
import xm.plan.Change;
import xm.plan.Plan;
import xm.reconcile.EngineListener;
import xm.reconcile.Observation;
import xm.reconcile.PlanFile;
import xm.reconcile.Result;
import xm.reconcile.SavedPlan;
import xm.reconcile.Settings;
import xm.spec.SpecError;

/**
 * {@code xm apply -f SPECS [--dry-run] [--prune [--allow-empty]] [--allow-restart] [--adopt]
 * [--scope S] [--target D] [--parallelism N] [--timeout SECS] [--lock-timeout SECS] [-o
 * text|json]}: makes the hosts match the specs with the operations an operator would type. {@code
 * --plan FILE} instead of -f and the planning flags applies exactly a plan {@code xm diff
 * --save-plan} saved, or refuses it whole when a host changed since. Prints the plan first, then
 * one outcome per change as it lands. Exit 0 converged, 2 when restarts are left pending (or, with
 * --dry-run, when there is anything to do), 1 when a change failed or the plan was refused (then
 * nothing was changed).
 */
public final class ApplyCommand extends PlanningCommand {
  static final Opt DRY_RUN =
      Opt.flag(null, "--dry-run", "Print the plan only; exit 2 when there are changes");
  static final Opt PARALLELISM =
      Opt.value(null, "--parallelism", "<n>", "Independent domains changed at once (default 10)");
  static final Opt TIMEOUT =
      Opt.value(
          null,
          "--timeout",
          "<secs>",
          "How long a clean shutdown may take before destroy (default 120)");
  static final Opt LOCK_TIMEOUT =
      Opt.value(
          null,
          "--lock-timeout",
          "<secs>",
          "How long to wait for another apply's lock (default: XM_LOCK_TIMEOUT, else 60; 0: refuse at once)");
  static final Opt OUTPUT = Opt.value("-o", "--output", "<format>", "text (default) or json");
  static final Opt PLAN =
      Opt.value(
          null,
          "--plan",
          "<file>",
          "Apply exactly the plan xm diff --save-plan saved (instead of -f); refused if a host changed since");

  @Override
  protected List<Opt> options() {
    List<Opt> all = new ArrayList<>(planningOptions());
    all.addAll(List.of(PLAN, DRY_RUN, PARALLELISM, TIMEOUT, LOCK_TIMEOUT, OUTPUT));
    return all;
  }

  @Override
  public Integer call() {
    requireArgs(0);
    String output = value(OUTPUT, "text");
    if (!output.equals("text") && !output.equals("json")) {
      throw new UsageException("unknown output format '" + output + "' (use text or json)");
    }
    int parallelism = intValue(PARALLELISM, 10);
    int timeout = intValue(TIMEOUT, 120);
    int lockSecs = intValue(LOCK_TIMEOUT, 0);
    if (parallelism < 1 || timeout < 1 || lockSecs < 0) {
      throw new UsageException("Invalid argument.");
    }
    // the flag, else XM_LOCK_TIMEOUT, as for every other lock xm waits for
    Duration lockTimeout =
        has(LOCK_TIMEOUT) ? Duration.ofSeconds(lockSecs) : backends().lockTimeout();
    boolean json = output.equals("json");
    Progress progress = new Progress(json);
    if (has(PLAN)) {
      return applySaved(value(PLAN, ""), parallelism, timeout, lockTimeout, progress, json);
    }
    Settings settings = settings(parallelism, Duration.ofSeconds(timeout), lockTimeout);
    Result r;
    try {
      r = backends().engine().reconcile(source(), settings, !has(DRY_RUN), progress);
    } catch (SpecError e) {
      if (json) {
        List<Diagnostic> problems =
            e.problems().stream()
                .map(p -> Diagnostic.fromText(Diagnostic.Severity.ERROR, p))
                .toList();
        out().print(Json.write(PlanView.json(null, null, problems)));
      }
      throw e;
    }
    return finish(r, json);
  }

  /** {@code xm apply --plan FILE}: the saved plan's specs and options, nothing else. */
  private int applySaved(
      String file,
      int parallelism,
      int timeout,
      Duration lockTimeout,
      Progress progress,
      boolean json) {
    List<String> given = planningOptionsGiven();
    if (!given.isEmpty()) {
      throw new UsageException(
          "'xm apply --plan' takes no "
              + String.join(", ", given)
              + ": the saved plan carries its specs and planning flags");
    }
    if (file.isEmpty()) {
      throw new UsageException("--plan needs a file name");
    }
    Result r;
    try {
      SavedPlan saved = PlanFile.read(env.cwd().resolve(file), file);
      Settings settings =
          new Settings(
              saved.options().planOptions(),
              parallelism,
              Duration.ofSeconds(timeout),
              lockTimeout,
              origin);
      r = backends().engine().apply(saved, settings, !has(DRY_RUN), progress);
    } catch (xm.diag.XmException e) {
      if (json) {
        out()
            .print(
                Json.write(
                    PlanView.json(
                        null,
                        null,
                        List.of(Diagnostic.fromText(Diagnostic.Severity.ERROR, e.getMessage())))));
      }
      throw e;
    }
    return finish(r, json);
  }

  @Override
  String otherSource() {
    return ", or --plan FILE (a plan xm diff --save-plan saved)";
  }

  private int finish(Result r, boolean json) {
    Plan plan = r.plan();
    if (json) {
      Map<String, Object> m = PlanView.json(plan, r.observation().causes(), plan.problems());
      List<Object> results = new ArrayList<>();
      for (Outcome o : r.outcomes()) {
        Map<String, Object> om = new LinkedHashMap<>();
        om.put("host", o.change().host());
        om.put("domain", o.change().domain());
        om.put("action", o.change().action().name().toLowerCase());
        om.put("status", o.status().name().toLowerCase());
        om.put("message", o.message());
        results.add(om);
      }
      m.put("outcomes", results);
      out().print(Json.write(m));
    }
    if (plan.refused()) {
      for (Diagnostic p : plan.problems()) {
        err().println(xm.diag.SafeText.errorLine("Error: " + p));
      }
      err().println("Error: the plan was refused; nothing was changed.");
      return ExitCodes.ERROR;
    }
    long pending = r.pendingRestarts();
    if (has(DRY_RUN)) {
      return plan.hasDrift() ? ExitCodes.DRIFT : ExitCodes.OK;
    }
    if (!plan.hasWork()) {
      if (!json) {
        out()
            .println(
                pending > 0
                    ? "Nothing to apply live; "
                        + pending
                        + " pending restart(s) wait for --allow-restart."
                    : "No changes. The hosts match the specs.");
      }
      return pending > 0 ? ExitCodes.DRIFT : ExitCodes.OK;
    }
    long failed = r.count(Status.FAILED);
    long skipped = r.count(Status.SKIPPED);
    if (!json) {
      out()
          .println(
              "Apply "
                  + (failed + skipped == 0 ? "complete" : "incomplete")
                  + ": "
                  + r.count(Status.SUCCEEDED)
                  + " succeeded, "
                  + failed
                  + " failed, "
                  + skipped
                  + " skipped."
                  + (failed + skipped > 0 ? " Run it again to converge from here." : "")
                  + (pending > 0
                      ? " " + pending + " pending restart(s) wait for --allow-restart."
                      : ""));
    }
    if (failed + skipped > 0) {
      return ExitCodes.ERROR;
    }
    return pending > 0 ? ExitCodes.DRIFT : ExitCodes.OK;
  }

  /** Shows the plan before the first change, then each outcome the moment it lands. */
  private final class Progress implements EngineListener {
    private final boolean json;

    Progress(boolean json) {
      this.json = json;
    }

    @Override
    public void waiting(String host, ApplyLock.Holder holder) {
      err()
          .println(
              "xm: waiting for host '"
                  + host
                  + "': another apply holds it"
                  + (holder == null
                      ? ""
                      : " ("
                          + xm.diag.SafeText.oneLine(holder.command())
                          + ", pid "
                          + holder.pid()
                          + ")")
                  + "...");
      err().flush();
    }

    @Override
    public void planned(Plan plan, Observation obs) {
      for (Diagnostic w : plan.warnings()) {
        err().println("Warning: " + w);
      }
      if (json || plan.refused()) {
        return;
      }
      String text = PlanView.text(plan, obs.causes(), env.terminal());
      out().print(text.isEmpty() ? "" : text + "\n");
      out().println(PlanView.summary(plan));
      if (!plan.refused() && plan.hasWork() && !has(DRY_RUN)) {
        out().println();
      }
      out().flush();
    }

    @Override
    public void finished(Outcome o) {
      if (json) {
        return;
      }
      Change c = o.change();
      synchronized (ApplyCommand.this) {
        out()
            .println(
                "  "
                    + c.action().glyph()
                    + " "
                    + (c.isDomain()
                        ? c.domain()
                        : c.action() == xm.plan.Action.CREATE_HOST
                            ? c.host()
                            : c.host() + " " + PlanView.subject(c))
                    + ": "
                    + (o.status() == Status.SUCCEEDED
                        ? "done" + (o.message().isEmpty() ? "" : ", " + o.message())
                        : o.status().name() + ": " + o.message()));
        out().flush();
      }
    }
  }
}
