package xm.hypervisor.sim;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import xm.diag.XmException;

/**
 * Group commit for the changing transactions of one host directory in this process. A thread
 * queues its transaction; if no thread of this process is committing on the host, it becomes the
 * leader: it takes the host's lock, takes every transaction queued by then (at most
 * {@link #MAX_BATCH}) and has {@link SimHost#runBatch} run them one after another and write the
 * state once (one encode, one atomic durable replace). Transactions that arrive meanwhile wait
 * for the next batch, whose leader is one of them. Every caller learns its outcome only after
 * the write that holds its change is durable; a transaction that fails leaves no trace in the
 * others.
 *
 * <p>This is what lets parallel applies scale: a host's transactions are serialized by its lock,
 * and each one used to pay for encoding the whole state and for two fsyncs on its own.
 */
final class GroupCommit {
  /** The most transactions one durable write carries. */
  static final int MAX_BATCH = 64;

  private static final ConcurrentHashMap<Path, GroupCommit> GROUPS = new ConcurrentHashMap<>();

  /** Guarded by {@code this}. */
  private final ArrayDeque<Request<?>> queue = new ArrayDeque<>();
  /** Guarded by {@code this}: whether a thread of this process is running a batch. */
  private boolean leading;

  private GroupCommit() {}

  static GroupCommit of(Path dir) {
    return GROUPS.computeIfAbsent(dir, d -> new GroupCommit());
  }

  /** One queued transaction and, once its batch is written, its outcome. */
  static final class Request<T> {
    final SimHost host;
    final String origin;
    final Function<Tx, T> body;
    /** Set by the leader under the host's lock; read by the caller after {@link #done}. */
    private T result;
    private Throwable failure;
    /** Guarded by the group's monitor. */
    private boolean done;

    Request(SimHost host, String origin, Function<Tx, T> body) {
      this.host = host;
      this.origin = origin;
      this.body = body;
    }

    /** Runs the body (in the leader's thread); a failure is kept for the caller, not thrown. */
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

  /** Runs {@code body} as one changing transaction of {@code host}; returns once it is durable. */
  <T> T submit(SimHost host, String origin, Function<Tx, T> body) {
    Request<T> r = new Request<>(host, origin, body);
    boolean interrupted = false;
    synchronized (this) {
      queue.add(r);
      while (!r.done && leading) {
        try {
          wait();
        } catch (InterruptedException e) {
          if (queue.remove(r)) {
            Thread.currentThread().interrupt();
            throw XmException.error("interrupted");
          }
          interrupted = true; // already taken by a leader: wait for its outcome
        }
      }
      if (r.done) {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        return r.outcome();
      }
      leading = true;
    }
    try {
      while (!isDone(r)) {
        host.runBatch(this);
      }
    } finally {
      synchronized (this) {
        if (!r.done) {
          // runBatch failed before taking it (recovering a migration, say): the caller gets that
          queue.remove(r);
        }
        leading = false;
        notifyAll();
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return r.outcome();
  }

  private synchronized boolean isDone(Request<?> r) {
    return r.done;
  }

  /** The next batch, oldest first; called by the leader with the host's lock held. */
  synchronized List<Request<?>> drain() {
    List<Request<?>> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
    while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
      batch.add(queue.poll());
    }
    return batch;
  }

  /** Publishes the outcomes of {@code batch} to its callers. */
  synchronized void complete(List<Request<?>> batch) {
    for (Request<?> r : batch) {
      r.done = true;
    }
    notifyAll();
  }

  /** How many transactions wait for a leader (for tests). */
  synchronized int queued() {
    return queue.size();
  }
}
