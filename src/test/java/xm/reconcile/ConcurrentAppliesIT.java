package xm.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.cli.Main;
import xm.testing.Xm;

/**
 * Issue #8 item 17: eight applies of the same spec set at once, as threads of one process and as
 * eight processes, on a fresh XM_HOME (so the hosts themselves are made by whichever comes first).
 * Each waits for the whole-apply locks, plans from what it sees once it holds them, and so all exit
 * 0: the first creates every domain, once; the others find nothing to do.
 */
class ConcurrentAppliesIT {
  static final int APPLIES = 8;

  @TempDir Path dir;

  @BeforeEach
  void specs() throws IOException {
    StringBuilder b =
        new StringBuilder(
            "apiVersion: xm/v1\nkind: Host\nmetadata: {name: xen-c}\nspec: {memory: 4096}\n");
    for (int i = 0; i < 6; i++) {
      b.append("---\napiVersion: xm/v1\nkind: Domain\nmetadata: {name: web")
          .append(i)
          .append(i % 2 == 0 ? "" : ", host: xen-c")
          .append("}\nspec: {kernel: /boot/vmlinuz, memory: 64}\n");
    }
    Files.createDirectories(dir.resolve("specs"));
    Files.writeString(dir.resolve("specs/fleet.yaml"), b.toString());
  }

  static final String[] APPLY = {"apply", "-f", "specs", "--lock-timeout", "120"};

  @Test
  void eight_threads_applying_the_same_specs_all_succeed_and_create_each_domain_once()
      throws Exception {
    Xm xm = new Xm(dir.resolve("home"), dir);
    List<Callable<Xm.Run>> applies = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (int i = 0; i < APPLIES; i++) {
      applies.add(
          () -> {
            start.await();
            return xm.run(APPLY);
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(APPLIES);
    List<String> outputs = new ArrayList<>();
    try {
      List<Future<Xm.Run>> runs = new ArrayList<>();
      for (Callable<Xm.Run> a : applies) {
        runs.add(pool.submit(a));
      }
      start.countDown();
      for (Future<Xm.Run> f : runs) {
        Xm.Run r = f.get(5, TimeUnit.MINUTES);
        assertEquals(0, r.code(), r.toString());
        outputs.add(r.out());
      }
    } finally {
      pool.shutdownNow();
    }
    assertConverged(xm, outputs);
  }

  @Test
  void eight_processes_applying_the_same_specs_all_succeed_and_create_each_domain_once()
      throws Exception {
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < APPLIES; i++) {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  System.getProperty("java.home")
                      + File.separator
                      + "bin"
                      + File.separator
                      + "java",
                  "-XX:TieredStopAtLevel=1",
                  "-Xshare:auto",
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName()));
      cmd.addAll(List.of(APPLY));
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("out" + i).toFile());
      pb.environment().put("XM_HOME", dir.resolve("home").toString());
      ps.add(pb.start());
    }
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < APPLIES; i++) {
      Process p = ps.get(i);
      assertTrue(p.waitFor(5, TimeUnit.MINUTES), "apply " + i + " finished");
      String out = Files.readString(dir.resolve("out" + i), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), "apply " + i + ":\n" + out);
      outputs.add(out);
    }
    assertConverged(new Xm(dir.resolve("home"), dir), outputs);
  }

  /**
   * A second apply in the same process (the controller runs several) that only tries the lock, or
   * asks who holds it, must not release it for other processes: closing any descriptor of a file
   * drops all of a process's fcntl locks on it.
   */
  @Test
  void a_lock_one_thread_holds_stays_held_for_other_processes_when_another_thread_tries_it()
      throws Exception {
    xm.hypervisor.sim.SimHostFactory hosts =
        new xm.hypervisor.sim.SimHostFactory(new xm.hypervisor.sim.SimHosts(dir.resolve("home")));
    xm.hypervisor.ApplyLock.Holder me =
        new xm.hypervisor.ApplyLock.Holder("xm apply -f mine", 1, 0);
    try (xm.hypervisor.ApplyLock held = hosts.tryLockForApply("localhost", me).orElseThrow()) {
      Thread other =
          new Thread(
              () -> {
                assertTrue(
                    hosts.tryLockForApply("localhost", me).isEmpty(), "held in this process");
                assertEquals(java.util.Optional.of(me), hosts.applyLockHolder("localhost"));
              });
      other.start();
      other.join();
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  System.getProperty("java.home")
                      + File.separator
                      + "bin"
                      + File.separator
                      + "java",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName(),
                  "apply",
                  "-f",
                  "specs"));
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("out").toFile());
      pb.environment().put("XM_HOME", dir.resolve("home").toString());
      pb.environment()
          .put("XM_LOCK_TIMEOUT", "0"); // refuse at once instead of waiting the default 60 s
      Process p = pb.start();
      assertTrue(p.waitFor(2, TimeUnit.MINUTES));
      String out = Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
      assertEquals(1, p.exitValue(), out);
      assertTrue(
          out.startsWith("Error: host 'localhost' is locked by xm apply -f mine (pid 1"), out);
    }
  }

  /** Every domain runs once, on its host; all the applies together created each one once. */
  static void assertConverged(Xm xm, List<String> outputs) {
    for (int i = 0; i < 6; i++) {
      String name = "web" + i;
      long created =
          outputs.stream()
              .flatMap(String::lines)
              .filter(l -> l.startsWith("  + " + name + ": done, created"))
              .count();
      assertEquals(1, created, name + " created once:\n" + String.join("\n----\n", outputs));
      for (String host : List.of("localhost", "xen-c")) {
        boolean here =
            xm.run("-H", host, "list").out().lines().anyMatch(l -> l.startsWith(name + " "));
        assertEquals(host.equals(i % 2 == 0 ? "localhost" : "xen-c"), here, name + " on " + host);
      }
    }
    long made =
        outputs.stream()
            .flatMap(String::lines)
            .filter(l -> l.startsWith("  + xen-c: done"))
            .count();
    assertEquals(1, made, "xen-c made once:\n" + String.join("\n----\n", outputs));
    Xm.Run diff = xm.run("diff", "--prune", "-f", "specs");
    assertEquals(0, diff.code(), diff.toString());
  }
}
