package xm.cli.declare;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import xm.apply.ApplyListener;
import xm.apply.Applier;
import xm.apply.Outcome;
import xm.apply.Status;
import xm.cli.ExitCodes;
import xm.cli.Json;
import xm.cli.Opt;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.plan.Change;

/**
 * {@code xm apply -f SPECS [--dry-run] [--prune] [--allow-restart] [--adopt] [--parallelism N]
 * [--timeout SECS] [-o text|json]}: makes the hosts match the specs with the operations an
 * operator would type, prints the plan and one outcome per change. Exit 0 converged, 1 a change
 * failed or the plan was refused (then nothing was changed), 2 pending changes in a dry run.
 */
public final class ApplyCommand extends XmCommand {
  static final Opt FILE = Opt.value("-f", "--filename", "<path>", "Spec file, directory (recursive) or - for standard input; repeatable");
  static final Opt DRY_RUN = Opt.flag(null, "--dry-run", "Print the plan only; exit 2 when there are changes");
  static final Opt PRUNE = Opt.flag(null, "--prune", "Destroy managed domains no spec declares (unless they opted out)");
  static final Opt ALLOW_RESTART = Opt.flag(null, "--allow-restart", "Replace domains whose changes need a restart (clean shutdown first)");
  static final Opt ADOPT = Opt.flag(null, "--adopt", "Take over unmanaged domains whose names the specs declare");
  static final Opt PARALLELISM = Opt.value(null, "--parallelism", "<n>", "Independent domains changed at once (default 10)");
  static final Opt TIMEOUT = Opt.value(null, "--timeout", "<secs>", "How long a clean shutdown may take before destroy (default 120)");
  static final Opt OUTPUT = Opt.value("-o", "--output", "<format>", "text (default) or json");

  @Override
  protected List<Opt> options() {
    return List.of(FILE, DRY_RUN, PRUNE, ALLOW_RESTART, ADOPT, PARALLELISM, TIMEOUT, OUTPUT);
  }

  @Override
  public Integer call() {
    requireArgs(0);
    List<String> files = listValue(FILE);
    if (files == null) {
      throw new UsageException("'xm apply' needs -f SPECS (a file, a directory, or - for standard input)");
    }
    String output = value(OUTPUT, "text");
    if (!output.equals("text") && !output.equals("json")) {
      throw new UsageException("unknown output format '" + output + "' (use text or json)");
    }
    int parallelism = intValue(PARALLELISM, 10);
    int timeout = intValue(TIMEOUT, 120);
    if (parallelism < 1 || timeout < 1) {
      throw new UsageException("Invalid argument.");
    }
    Reconciliation r = Reconciliation.run(env, backends(), files, has(PRUNE), has(ALLOW_RESTART), has(ADOPT));
    boolean json = output.equals("json");
    if (r.plan.refused()) {
      if (json) {
        out().print(Json.write(PlanView.json(r.plan, r.causes)));
      }
      for (String p : r.plan.problems()) {
        err().println("Error: " + p);
      }
      err().println("Error: the plan was refused; nothing was changed.");
      return ExitCodes.ERROR;
    }
    boolean work = r.plan.changes().stream().anyMatch(c -> !c.ops().isEmpty());
    if (!json) {
      String text = PlanView.text(r.plan, r.causes, false, env.terminal());
      out().print(text.isEmpty() ? "" : text + "\n");
      out().println(PlanView.summary(r.plan));
    }
    if (has(DRY_RUN)) {
      if (json) {
        out().print(Json.write(PlanView.json(r.plan, r.causes)));
      }
      return r.plan.hasDrift() ? ExitCodes.DRIFT : ExitCodes.OK;
    }
    if (!work) {
      if (json) {
        out().print(Json.write(PlanView.json(r.plan, r.causes)));
      } else {
        out().println(PlanView.pendingCount(r.plan) > 0
            ? "Nothing to apply live; pending restarts wait for --allow-restart."
            : "No changes. The hosts match the specs.");
      }
      return ExitCodes.OK;
    }
    long total = r.plan.changes().stream().filter(c -> !c.ops().isEmpty()).count();
    AtomicInteger done = new AtomicInteger();
    boolean progress = env.terminal() && !json;
    List<Outcome> outcomes = Applier.apply(r.plan, backends().access(), parallelism, Duration.ofSeconds(timeout),
        new ApplyListener() {
          @Override
          public void finished(Outcome o) {
            if (progress) {
              synchronized (ApplyCommand.this) {
                err().print("\r[" + done.incrementAndGet() + "/" + total + "] " + o.change().domain() + " "
                    + o.status().name().toLowerCase() + "\u001b[K");
                err().flush();
              }
            }
          }
        });
    if (progress) {
      err().print("\r\u001b[K");
    }
    long ok = outcomes.stream().filter(o -> o.status() == Status.SUCCEEDED).count();
    long failed = outcomes.stream().filter(o -> o.status() == Status.FAILED).count();
    long skipped = outcomes.stream().filter(o -> o.status() == Status.SKIPPED).count();
    if (json) {
      var m = PlanView.json(r.plan, r.causes);
      List<Object> results = new java.util.ArrayList<>();
      for (Outcome o : outcomes) {
        var om = new java.util.LinkedHashMap<String, Object>();
        om.put("host", o.change().host());
        om.put("domain", o.change().domain());
        om.put("action", o.change().action().name().toLowerCase());
        om.put("status", o.status().name().toLowerCase());
        om.put("message", o.message());
        results.add(om);
      }
      m.put("outcomes", results);
      out().print(Json.write(m));
    } else {
      out().println();
      for (Outcome o : outcomes) {
        Change c = o.change();
        out().println("  " + c.action().glyph() + " " + (c.domain().isEmpty() ? c.host() : c.domain()) + ": "
            + (o.status() == Status.SUCCEEDED ? "done" + (o.message().isEmpty() ? "" : ", " + o.message())
                : o.status().name() + ": " + o.message()));
      }
      out().println("Apply " + (failed + skipped == 0 ? "complete" : "incomplete") + ": " + ok + " succeeded, "
          + failed + " failed, " + skipped + " skipped."
          + (failed + skipped > 0 ? " Run it again to converge from here." : ""));
    }
    return failed + skipped > 0 ? ExitCodes.ERROR : ExitCodes.OK;
  }
}
