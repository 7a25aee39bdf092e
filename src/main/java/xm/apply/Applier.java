package xm.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import xm.diag.XmException;
import xm.hypervisor.HostFactory;
import xm.plan.Change;
import xm.plan.Op;
import xm.plan.Plan;
import xm.plan.Schedule;

/**
 * Executes a plan in the groups of its {@link Schedule} (the same order the planner listed and
 * capacity admission counted): the changes of a group run in parallel on a bounded executor, the
 * operations of one change in order, and the first failure ends that change. A change whose
 * dependsOn names a domain that failed or was skipped is skipped, not tried. Blocking; always
 * returns one outcome per change that has operations, in plan order; the hosts keep whatever state
 * was reached, and the next apply converges from there.
 */
public final class Applier {
  private Applier() {}

  /**
   * @param origin what the hosts record as the command behind each change ({@code xm apply})
   */
  public static List<Outcome> apply(
      Plan plan,
      HostFactory hosts,
      int parallelism,
      Duration timeout,
      String origin,
      ApplyListener listener) {
    if (plan.refused()) {
      throw XmException.error("refusing to apply a refused plan");
    }
    OpRunner runner = new OpRunner(hosts, timeout, origin);
    Map<Change, Outcome> outcomes = new ConcurrentHashMap<>();
    Set<String> failed = ConcurrentHashMap.newKeySet();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, parallelism),
            r -> {
              Thread t = new Thread(r, "xm-apply");
              t.setDaemon(true);
              return t;
            });
    try {
      for (List<Change> group : Schedule.groups(plan.changes())) {
        List<Future<?>> running = new ArrayList<>();
        for (Change c : group) {
          running.add(
              pool.submit(
                  () -> {
                    Outcome o = runChange(c, runner, failed, listener);
                    if (o.status() != Status.SUCCEEDED) {
                      failed.add(c.domain());
                    }
                    outcomes.put(c, o);
                    listener.finished(o);
                  }));
        }
        for (Future<?> f : running) {
          try {
            f.get();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw XmException.error("interrupted");
          } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<Outcome> ordered = new ArrayList<>();
    for (Change c : plan.changes()) {
      Outcome o = outcomes.get(c);
      if (o != null) {
        ordered.add(o);
      }
    }
    return ordered;
  }

  private static Outcome runChange(
      Change c, OpRunner runner, Set<String> failed, ApplyListener listener) {
    for (String dep : c.dependsOn()) {
      if (failed.contains(dep)) {
        return new Outcome(
            c, Status.SKIPPED, "skipped: it depends on " + dep + ", which did not apply", 0);
      }
    }
    long start = System.nanoTime();
    listener.started(c);
    List<String> notes = new ArrayList<>();
    int done = 0;
    try {
      for (Op op : c.ops()) {
        String note = runner.run(op);
        if (!note.isEmpty()) {
          notes.add(note);
        }
        done++;
      }
      return new Outcome(
          c, Status.SUCCEEDED, String.join("; ", notes), (System.nanoTime() - start) / 1_000_000);
    } catch (XmException e) {
      String partial =
          done == 0 ? "" : " (after " + done + " of " + c.ops().size() + " operations)";
      return new Outcome(
          c, Status.FAILED, e.getMessage() + partial, (System.nanoTime() - start) / 1_000_000);
    }
  }
}
