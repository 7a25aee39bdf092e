package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.diag.XmException;
import xm.hypervisor.ChangeEvent;
import xm.hypervisor.DomainInfo;

/**
 * Transactions queued while the host is busy are committed together: one leader runs them in order
 * and writes once. Each keeps its own outcome, revision and events, and a failure among them undoes
 * only itself.
 */
class GroupCommitTest {
  @TempDir Path home;

  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** Holds the host's lock while {@code bodies} queue up, then lets them run as one batch. */
  private List<Future<Object>> queuedTogether(SimHost h, List<Function<Tx, Object>> bodies)
      throws Exception {
    GroupCommit group = GroupCommit.of(h.store().dir());
    List<Future<Object>> out = new ArrayList<>();
    try (StateStore.Lock held = h.store().lock()) {
      for (int i = 0; i < bodies.size(); i++) {
        Function<Tx, Object> body = bodies.get(i);
        String origin = "t" + i;
        out.add(pool.submit(() -> h.tx(origin, true, body)));
        // one leader waits for the lock with its transaction taken out of the queue only once it
        // has the lock; the rest wait in the queue, in order
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (group.queued() < i + 1 && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        assertEquals(i + 1, group.queued(), "transaction " + i + " is queued");
      }
    }
    return out;
  }

  private static Object outcome(Future<Object> f) throws Exception {
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void queued_transactions_run_in_one_batch_and_keep_their_own_outcomes() throws Exception {
    SimHost h = TestHosts.manual(home, "h", 4096);
    long before = h.revision();
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<Future<Object>> f =
        queuedTogether(
            h,
            List.of(
                t -> {
                  threads.add(Thread.currentThread());
                  t.state.domains.add(newDomain(t, "a"));
                  t.log("INFO", "made a");
                  return "a";
                },
                t -> {
                  threads.add(Thread.currentThread());
                  // changes the state, then fails: none of this may survive
                  t.state.domains.add(newDomain(t, "ghost"));
                  t.state.byName("a").config = t.state.byName("a").config.withMemory(99, 128);
                  t.log("INFO", "made ghost");
                  throw XmException.error("boom");
                },
                t -> {
                  threads.add(Thread.currentThread());
                  t.state.domains.add(newDomain(t, "b"));
                  t.log("INFO", "made b");
                  return "b";
                }));

    assertEquals("a", outcome(f.get(0)));
    assertEquals("boom", ((XmException) outcome(f.get(1))).getMessage());
    assertEquals("b", outcome(f.get(2)));
    assertEquals(1, threads.size(), "one leader ran the three of them");

    SimState onDisk = h.load();
    assertTrue(
        onDisk.byName("a") != null && onDisk.byName("b") != null, "both successes are durable");
    assertNull(onDisk.byName("ghost"), "the failed one left nothing");
    assertEquals(
        16, onDisk.byName("a").config.memoryMiB(), "the failed one's change to a is undone");
    assertEquals(before + 2, onDisk.revision, "one revision per committed transaction");

    List<ChangeEvent> events = h.changes(before);
    assertEquals(
        List.of("a@" + (before + 1), "b@" + (before + 2)),
        events.stream().map(e -> e.domain() + "@" + e.revision()).toList());
    assertEquals(List.of("t0", "t2"), events.stream().map(ChangeEvent::origin).toList());
    String log = TestHosts.log(h);
    assertTrue(log.contains("made a") && log.contains("made b"), log);
    assertFalse(log.contains("made ghost"), log);
  }

  @Test
  void what_a_failed_transaction_settled_is_settled_again_by_the_next_and_recorded_once()
      throws Exception {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    h.shutdown("a", xm.hypervisor.ShutdownMode.POWEROFF, "t");
    long before = h.revision();
    List<Future<Object>> f =
        queuedTogether(
            h,
            List.of(
                t -> {
                  // time passes: the shutdown of a is due for the transactions after this one
                  t.state.clockMs += 5000;
                  t.dirty = true;
                  return "later";
                },
                t -> {
                  assertTrue(t.state.byName("a") == null, "this one finished the shutdown first");
                  throw XmException.error("boom");
                },
                t -> {
                  t.state.domains.add(newDomain(t, "y"));
                  t.log("INFO", "made y");
                  return t.state.byName("a") == null ? "a is gone" : "a is still there";
                }));
    assertEquals("later", outcome(f.get(0)));
    assertTrue(outcome(f.get(1)) instanceof XmException);
    assertEquals("a is gone", outcome(f.get(2)));
    List<ChangeEvent> events = h.changes(before);
    assertEquals(
        List.of("a domain@" + (before + 2) + " by null", "y domain@" + (before + 2) + " by t2"),
        events.stream()
            .map(e -> e.domain() + " " + e.field() + "@" + e.revision() + " by " + e.origin())
            .toList());
  }

  @Test
  void a_failure_first_in_a_batch_does_not_leak_into_the_next() throws Exception {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    List<Future<Object>> f =
        queuedTogether(
            h,
            List.of(
                t -> {
                  t.state.byName("a").config = t.state.byName("a").config.withMemory(99, 128);
                  throw XmException.error("boom");
                },
                t -> t.state.byName("a").config.memoryMiB()));
    assertTrue(outcome(f.get(0)) instanceof XmException);
    assertEquals(64L, outcome(f.get(1)), "the second saw the state as the file holds it");
    assertEquals(64, h.domain("a").memoryMiB());
  }

  @Test
  void a_batch_whose_write_fails_fails_every_transaction_in_it() throws Exception {
    SimHost h = TestHosts.manual(home, "h", 4096);
    Path journal = home.resolve("hosts/h/" + Journal.FILE);
    List<Future<Object>> f =
        queuedTogether(
            h,
            List.of(
                t -> {
                  t.state.domains.add(newDomain(t, "a"));
                  t.log("INFO", "made a");
                  return "a";
                },
                t -> {
                  // the state journal cannot be written any more (a directory took its name): the
                  // batch's
                  // one write fails
                  try {
                    Files.deleteIfExists(journal);
                    Files.createDirectories(journal.resolve("in-the-way"));
                  } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                  }
                  t.state.domains.add(newDomain(t, "b"));
                  return "b";
                }));
    Object first = outcome(f.get(0));
    Object second = outcome(f.get(1));
    assertTrue(
        first instanceof XmException
            && ((XmException) first).getMessage().startsWith("cannot write"),
        String.valueOf(first));
    assertTrue(second instanceof XmException, String.valueOf(second));
    Files.delete(journal.resolve("in-the-way"));
    Files.delete(journal);
    assertEquals(1, h.domains().size(), "nothing of the batch is seen afterwards");
  }

  @Test
  void many_threads_at_once_lose_nothing_and_every_revision_has_its_events() throws Exception {
    SimHost h = TestHosts.manual(home, "h", 65536);
    long before = h.revision();
    List<Future<?>> futures = new ArrayList<>();
    Set<String> made = ConcurrentHashMap.newKeySet();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                SimHost own = new SimHosts(home).open("h");
                for (int i = 0; i < 25; i++) {
                  String name = "d" + (i % 2 == 0 ? thread + "-" + i : "shared-" + i);
                  try {
                    own.create(TestHosts.config(name, 8), false, "thread " + thread);
                    made.add(name);
                  } catch (XmException e) {
                    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }
    List<DomainInfo> doms = h.domains();
    assertEquals(made.size() + 1, doms.size());
    assertEquals(8 * 13 + 12, made.size(), "each private name once, each shared name once");
    assertEquals(before + made.size(), h.revision());
    List<ChangeEvent> events = h.changes(before);
    assertEquals(made.size(), events.size());
    assertEquals(
        made.size(),
        events.stream().map(ChangeEvent::revision).distinct().count(),
        "one revision each");
  }

  /**
   * While threads keep a host busy, a hold of its lock ends as soon as a reader of this process
   * waits for it: between two reads only what was already running gets written (a few writers'
   * transactions, not a long hold's worth), and the reader sees only written states (each domain it
   * sees is in the file once the writers stop).
   */
  @Test
  void a_reader_gets_in_while_writers_keep_the_host_busy() throws Exception {
    SimHost h = TestHosts.manual(home, "h", 1 << 20);
    int writerCount = 6;
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.CountDownLatch going =
        new java.util.concurrent.CountDownLatch(writerCount);
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < writerCount; t++) {
      int thread = t;
      writers.add(
          pool.submit(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  h.create(TestHosts.config("w" + thread + "-" + i, 1), false, "t");
                  if (i == 0) {
                    going.countDown();
                  }
                }
                return null;
              }));
    }
    going.await(60, TimeUnit.SECONDS);
    Set<String> seen = new java.util.HashSet<>();
    long most = 0;
    long last = h.revision();
    for (int read = 0; read < 30; read++) {
      for (DomainInfo d : h.domains()) {
        seen.add(d.name());
      }
      long now = h.revision();
      most = Math.max(most, now - last);
      last = now;
    }
    stop.set(true);
    for (Future<?> f : writers) {
      f.get(60, TimeUnit.SECONDS);
    }
    assertTrue(
        most <= 4 * writerCount, "at most " + most + " transactions committed between two reads");
    Set<String> written = new java.util.HashSet<>();
    for (SimDomain d : h.load().domains) {
      written.add(d.config.name());
    }
    assertTrue(written.containsAll(seen), "the reader saw only what was written");
  }

  private static SimDomain newDomain(Tx t, String name) {
    SimDomain d = new SimDomain();
    d.id = t.state.nextDomid++;
    d.uuid = SimHost.newUuid("h", name, d.id, t.now);
    d.config = TestHosts.config(name, 16).withUuid(d.uuid);
    d.onlineVcpus = 1;
    return d;
  }
}
