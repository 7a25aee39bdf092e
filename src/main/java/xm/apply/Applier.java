package xm.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import xm.diag.XmException;
import xm.plan.Change;
import xm.plan.Op;
import xm.plan.Plan;

/**
 * Executes a plan: hosts first; then stops and prunes (reverse wave order), freeing memory; then
 * every other change wave by wave. Changes of one group run in parallel on a bounded executor;
 * the operations of one change run in order, and the first failure ends that change. A change
 * whose dependsOn names a domain that failed is skipped, not tried. Always returns one outcome
 * per change; the host keeps whatever state was reached, and the next apply converges from there.
 */
public final class Applier {
  private Applier() {}

  public static List<Outcome> apply(Plan plan, HostAccess hosts, int parallelism, Duration timeout,
      ApplyListener listener) {
    if (plan.refused()) {
      throw XmException.error("refusing to apply a refused plan");
    }
    // Groups run one after another in key order: hosts (phase 0), stops and prunes from the
    // highest wave down (phase 1), then every other change from the lowest wave up (phase 2).
    Map<Long, List<Change>> groups = new TreeMap<>();
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    for (Change c : plan.changes()) {
      if (c.ops().isEmpty()) {
        continue;
      }
      long wave = Math.max(0, Math.min(c.wave(), Integer.MAX_VALUE - 1));
      long key = switch (c.action()) {
        case CREATE_HOST -> 0L;
        case STOP, DESTROY -> (1L << 32) + (Integer.MAX_VALUE - wave);
        default -> (2L << 32) + wave;
      };
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
    }
    Set<String> failed = Collections.synchronizedSet(new HashSet<>());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
      Thread t = new Thread(r, "xm-apply");
      t.setDaemon(true);
      return t;
    });
    try {
      for (long key : groups.keySet()) {
        List<Future<?>> running = new ArrayList<>();
        for (Change c : groups.get(key)) {
          running.add(pool.submit(() -> {
            Outcome o = runChange(c, hosts, timeout, failed, listener);
            outcomes.add(o);
            if (o.status() != Status.SUCCEEDED) {
              failed.add(c.domain());
            }
            listener.finished(o);
          }));
        }
        for (Future<?> f : running) {
          try {
            f.get();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw XmException.error("interrupted");
          } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<Outcome> ordered = new ArrayList<>();
    for (Change c : plan.changes()) {
      for (Outcome o : outcomes) {
        if (o.change() == c) {
          ordered.add(o);
        }
      }
    }
    return ordered;
  }

  private static Outcome runChange(Change c, HostAccess hosts, Duration timeout, Set<String> failed,
      ApplyListener listener) {
    long start = System.nanoTime();
    for (String dep : c.dependsOn()) {
      if (failed.contains(dep)) {
        return new Outcome(c, Status.SKIPPED, "skipped: it depends on " + dep + ", which did not apply", 0);
      }
    }
    listener.started(c);
    List<String> notes = new ArrayList<>();
    int done = 0;
    try {
      for (Op op : c.ops()) {
        String note = OpRunner.run(op, hosts, timeout);
        if (!note.isEmpty()) {
          notes.add(note);
        }
        done++;
      }
      return new Outcome(c, Status.SUCCEEDED, String.join("; ", notes), (System.nanoTime() - start) / 1_000_000);
    } catch (XmException e) {
      String partial = done == 0 ? "" : " (after " + done + " of " + c.ops().size() + " operations)";
      return new Outcome(c, Status.FAILED, e.getMessage() + partial, (System.nanoTime() - start) / 1_000_000);
    }
  }
}
