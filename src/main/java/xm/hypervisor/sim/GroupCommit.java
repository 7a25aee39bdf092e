package xm.hypervisor.sim;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import xm.diag.XmException;

/**
 * Group commit for the changing transactions of one host directory in this process. A thread queues
 * its transaction, then helps until it is done, doing whichever of two jobs is free:
 *
 * <ul>
 *   <li><b>run</b> (one thread at a time): take the transactions queued by then and have {@link
 *       SimHost#runBatch} run them one after another on the state in memory, each in its own {@link
 *       Tx}; they join the <em>open batch</em>;
 *   <li><b>write</b> (one thread at a time): close the open batch, encode what changed (no run
 *       meanwhile) and have {@link SimHost#writeBatch} append it to the state journal durably (see
 *       StateFiles), tell the batch's callers their outcomes, and append its log lines.
 * </ul>
 *
 * <p>So transactions run while the batch before them is being written, and each write carries every
 * transaction that ran since the write before it began. The host's lock is taken when a transaction
 * runs and nothing is in flight, and held until every transaction that ran is written (other
 * processes, and this process's readers, see only written states); while it is held the state in
 * memory may be ahead of the files, and no one else writes them. Every caller learns its outcome
 * only after the write that holds its change is durable; a transaction that fails leaves no trace
 * in the others; a write that fails fails its batch and the open one (which builds on it), and the
 * next hold reads the file afresh.
 *
 * <p>This is what lets parallel applies scale: a host's transactions are serialized by its lock,
 * and each one used to pay for encoding the whole state and for two fsyncs on its own.
 */
final class GroupCommit {
  /** The most transactions one run takes. */
  static final int MAX_RUN = 64;

  /** The most transactions one write carries; past it, runs wait for the write. */
  static final int MAX_BATCH = 256;

  /**
   * Writes one hold of the host's lock makes before it lets others (other processes) in; a hold
   * also ends as soon as another thread of this process waits for the lock (a reader, say).
   */
  static final int MAX_WRITES_PER_HOLD = 16;

  private static final ConcurrentHashMap<Path, GroupCommit> GROUPS = new ConcurrentHashMap<>();

  private final Path dir;

  /** Guarded by {@code this}, as is everything below: transactions waiting to run. */
  private final ArrayDeque<Request<?>> queue = new ArrayDeque<>();

  /** Transactions that ran and are not being written yet, with what they leave. */
  private Batch open;

  private boolean running;

  /** A write closed the open batch and encodes the state: no run until it has. */
  private boolean encoding;

  private boolean writing;

  /** The host's lock while a hold lasts, else null. */
  private StateStore.Lock held;

  /** The state as the transactions run in this hold leave it (ahead of the file until written). */
  private SimState state;

  /** Whether a write of this hold succeeded (the state then carries what the files hold). */
  private boolean written;

  /** Set when a write failed: the state in memory holds changes that will not be written. */
  private Throwable broken;

  private int writesThisHold;

  private GroupCommit(Path dir) {
    this.dir = dir;
  }

  static GroupCommit of(Path dir) {
    return GROUPS.computeIfAbsent(dir, GroupCommit::new);
  }

  /** One queued transaction and, once its batch is written, its outcome. */
  static final class Request<T> {
    final SimHost host;
    final String origin;
    final Function<Tx, T> body;

    /** Set while it runs; read by the caller after {@link #done}. */
    private T result;

    private Throwable failure;

    /** Guarded by the group's monitor. */
    private boolean done;

    Request(SimHost host, String origin, Function<Tx, T> body) {
      this.host = host;
      this.origin = origin;
      this.body = body;
    }

    /** Runs the body (in whichever thread runs it); a failure is kept for the caller. */
    boolean run(Tx tx) {
      try {
        result = body.apply(tx);
        return true;
      } catch (RuntimeException | Error e) {
        failure = e;
        return false;
      }
    }

    /** The change did not become durable after all: the caller gets {@code e}. */
    void failUnlessFailed(Throwable e) {
      if (failure == null) {
        failure = e;
        result = null;
      }
    }

    private T outcome() {
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      return result;
    }
  }

  /**
   * Transactions that ran, with what they leave besides the state, and whether any of them changed
   * it (else the write has nothing to write).
   */
  static final class Batch {
    final List<Request<?>> requests = new ArrayList<>();
    final SimHost.Staged staged = new SimHost.Staged();
    boolean changed;
  }

  /** Runs {@code body} as one changing transaction of {@code host}; returns once it is durable. */
  <T> T submit(SimHost host, String origin, Function<Tx, T> body) {
    Request<T> r = new Request<>(host, origin, body);
    boolean interrupted = false;
    try {
      synchronized (this) {
        queue.add(r);
      }
      while (true) {
        Batch toWrite = null;
        synchronized (this) {
          while (true) {
            if (r.done) {
              return r.outcome();
            }
            if (!writing && !running && open != null) {
              writing = true;
              encoding = true;
              toWrite = open;
              open = null;
              break;
            }
            if (!running && !encoding && !queue.isEmpty() && mayRun()) {
              running = true;
              break;
            }
            try {
              wait();
            } catch (InterruptedException e) {
              interrupted = true;
              if (queue.remove(r)) {
                throw XmException.error("interrupted");
              }
              // it ran already: wait for its outcome
            }
          }
        }
        if (toWrite != null) {
          host.writeBatch(this, toWrite);
        } else {
          host.runBatch(this);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean mayRun() {
    return broken == null
        && (open == null || open.requests.size() < MAX_BATCH)
        && (held == null || (writesThisHold < MAX_WRITES_PER_HOLD && !held.wanted()));
  }

  /** The state of the current hold, or null when the lock is not held (the runner takes it). */
  synchronized SimState state() {
    return state;
  }

  /** Whether the state in memory may be ahead of the file (something ran and is not written). */
  synchronized boolean ahead() {
    return open != null || writing;
  }

  /** Starts a hold: the runner took the host's lock and read {@code s}. */
  synchronized void hold(StateStore.Lock lock, SimState s) {
    held = lock;
    state = s;
  }

  /** The runner replaced the state (read afresh after a failed transaction). */
  synchronized void replace(SimState s) {
    state = s;
  }

  /** At most {@link #MAX_RUN} queued transactions, oldest first; called by the runner. */
  synchronized List<Request<?>> drain() {
    int max = Math.min(MAX_RUN, open == null ? MAX_BATCH : MAX_BATCH - open.requests.size());
    List<Request<?>> run = new ArrayList<>(Math.max(0, Math.min(queue.size(), max)));
    while (!queue.isEmpty() && run.size() < max) {
      run.add(queue.poll());
    }
    return run;
  }

  /** The open batch, for the runner to add to. */
  synchronized Batch open() {
    if (open == null) {
      open = new Batch();
    }
    return open;
  }

  /** The runner is done: what it ran is in the open batch, waiting for a write. */
  synchronized void ran() {
    running = false;
    notifyAll();
  }

  /**
   * The runner could not start (the lock or the file failed it): {@code requests} fail with {@code
   * e}.
   */
  synchronized void couldNotRun(List<Request<?>> requests, Throwable e) {
    for (Request<?> r : requests) {
      r.failUnlessFailed(e);
      r.done = true;
    }
    running = false;
    notifyAll();
  }

  /**
   * Nothing that ran in this hold and is not written yet may be written: it fails with {@code e}.
   */
  synchronized void breakHold(Throwable e) {
    if (broken == null) {
      broken = e;
    }
  }

  /** Why the writer must not write: a write before failed (what ran since builds on it). */
  synchronized Throwable broken() {
    return broken;
  }

  /** The writer has encoded the state (or given up): runs may go on. */
  synchronized void encoded() {
    encoding = false;
    notifyAll();
  }

  /**
   * The state files hold {@code b} durably ({@code wrote}: something was written), or {@code b}
   * failed with {@code failure}: its callers learn their outcomes. The writer still appends its log
   * lines.
   */
  synchronized void durable(Batch b, boolean wrote, Throwable failure) {
    if (failure != null) {
      for (Request<?> r : b.requests) {
        r.failUnlessFailed(failure);
      }
      if (broken == null) {
        broken = failure;
      }
    } else if (wrote) {
      written = true;
    }
    for (Request<?> r : b.requests) {
      r.done = true;
    }
    encoding = false;
    notifyAll();
  }

  /** The writer is done (log lines appended): the next write may begin. */
  void wrote() {
    StateStore.Lock release;
    synchronized (this) {
      writing = false;
      writesThisHold++;
      release = releaseIfIdle();
      notifyAll();
    }
    if (release != null) {
      release.close();
    }
  }

  /**
   * Ends the hold when nothing is in flight and nothing waits to run (or the hold wrote enough, or
   * broke): the cache keeps the state with the file it matches (or forgets it when broken). Returns
   * the lock to close (outside the monitor).
   */
  private StateStore.Lock releaseIfIdle() {
    if (held == null || running || writing || open != null) {
      return null;
    }
    if (!queue.isEmpty()
        && broken == null
        && writesThisHold < MAX_WRITES_PER_HOLD
        && !held.wanted()) {
      return null; // the next transactions run in this hold
    }
    if (broken != null) {
      StateCache.forget(dir);
    } else if (written) {
      StateCache.put(dir, state);
    }
    StateStore.Lock lock = held;
    held = null;
    state = null;
    written = false;
    broken = null;
    writesThisHold = 0;
    return lock;
  }

  /** How many transactions wait to run (for tests). */
  synchronized int queued() {
    return queue.size();
  }
}
