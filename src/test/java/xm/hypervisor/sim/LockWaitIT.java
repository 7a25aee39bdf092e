package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import xm.diag.XmException;
import xm.testing.Xm;

/**
 * A host whose lock another process keeps (a stopped or hung writer): a command waiting for it says
 * whom it waits for after a second, on one line of stderr, and gives up after XM_LOCK_TIMEOUT with
 * an error naming the holder (by the kernel's word: its pid and command) and the knob; it changes
 * nothing. Threads of one process waiting for each other are bounded too.
 */
@Timeout(120) // before bounded waits, a command waiting for a held lock hung for good
class LockWaitIT {
  @TempDir Path home;

  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void stopChildren() throws InterruptedException {
    for (Process p : children) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** A child JVM holding localhost's lock for {@code ms}, returned once it holds it. */
  private Process holder(long ms) throws Exception {
    new SimHosts(home).open(SimHosts.DEFAULT_HOST);
    Process p =
        ChildJvm.start(
            List.of(),
            ChildWorker.class,
            "hold",
            home.toString(),
            SimHosts.DEFAULT_HOST,
            Long.toString(ms));
    children.add(p);
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    assertEquals("held", line, "the child took the lock");
    return p;
  }

  private static final String[] CREATE = {
    "create", "/dev/null", "name=late", "kernel=/boot/k", "memory=64"
  };

  @Test
  void a_writer_names_the_holder_then_gives_up_after_the_timeout() throws Exception {
    Process child = holder(120_000);
    Xm.Run run = new Xm(home).env("XM_LOCK_TIMEOUT", "2s").run(CREATE);
    assertEquals(1, run.code(), run.toString());
    String[] lines = run.err().split("\n");
    assertEquals(2, lines.length, run.err());
    assertTrue(
        lines[0].startsWith(
            "xm: waiting for host 'localhost': locked by pid "
                + child.pid()
                + " (java xm.hypervisor.sim.ChildWorker hold "),
        run.err());
    assertTrue(
        lines[1].startsWith(
            "Error: host 'localhost' is locked by pid "
                + child.pid()
                + " (java xm.hypervisor.sim.ChildWorker hold "),
        run.err());
    assertTrue(
        lines[1].endsWith(
            "); gave up after 2s: let it finish, or set XM_LOCK_TIMEOUT (a duration such as 30s"
                + " or 5m) to wait longer"),
        run.err());
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Xm.Run list = new Xm(home).run("list");
    assertFalse(list.out().contains("late"), "nothing changed: " + list);
  }

  @Test
  void a_zero_timeout_does_not_wait_at_all() throws Exception {
    Process child = holder(120_000);
    Xm.Run run = new Xm(home).env("XM_LOCK_TIMEOUT", "0").run(CREATE);
    assertEquals(1, run.code(), run.toString());
    assertEquals(
        "Error: host 'localhost' is locked by pid " + child.pid(),
        run.error().substring(0, run.error().indexOf(" (")),
        run.err());
    assertTrue(run.error().contains("; not waiting (XM_LOCK_TIMEOUT=0): let it finish"), run.err());
  }

  @Test
  void a_lock_freed_within_the_timeout_is_taken() throws Exception {
    holder(1500);
    Xm.Run run = new Xm(home).env("XM_LOCK_TIMEOUT", "1m").run(CREATE);
    assertEquals(0, run.code(), run.toString());
    assertFalse(run.err().contains("Error"), run.err());
    assertTrue(new Xm(home).run("list").out().contains("late"));
  }

  @Test
  void a_thread_waiting_for_another_thread_of_its_process_gives_up_too() throws Exception {
    new SimHosts(home).open(SimHosts.DEFAULT_HOST);
    List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
    StateStore store =
        new StateStore(
            home.resolve("hosts/localhost"), new LockWait(Duration.ofMillis(1200), said::add));
    CountDownLatch taken = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread keeper =
        new Thread(
            () -> {
              try (StateStore.Lock lock = store.lock()) {
                taken.countDown();
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    keeper.start();
    assertTrue(taken.await(30, TimeUnit.SECONDS));
    try {
      XmException e = assertThrows(XmException.class, store::lock);
      assertTrue(
          e.getMessage()
              .startsWith(
                  "host 'localhost' is locked by another operation of this process (pid "
                      + ProcessHandle.current().pid()
                      + "); gave up after 1200ms"),
          e.getMessage());
      assertEquals(1, said.size(), said.toString());
      assertTrue(
          said.get(0)
              .startsWith(
                  "xm: waiting for host 'localhost': locked by another operation of this process"),
          said.toString());
    } finally {
      release.countDown();
      keeper.join();
    }
    try (StateStore.Lock again = store.lock()) {
      assertTrue(again != null, "the lock is free again once its holder let go");
    }
  }
}
