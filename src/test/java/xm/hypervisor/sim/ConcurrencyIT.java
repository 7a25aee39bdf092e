package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.hypervisor.DomainInfo;

/** Several writers at once, in threads and in processes: nobody's update is lost. */
class ConcurrencyIT {
  @TempDir Path home;

  @Test
  void threads_never_lose_each_others_updates() throws Exception {
    TestHosts.manual(home, "h", 65536);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                SimHost own = new SimHosts(home).open("h");
                for (int i = 0; i < 10; i++) {
                  own.create(TestHosts.config("t" + thread + "-" + i, 8), false, "thread");
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    List<DomainInfo> doms = new SimHosts(home).open("h").domains();
    assertEquals(81, doms.size());
    Set<Integer> ids = new TreeSet<>();
    doms.forEach(d -> ids.add(d.id()));
    assertEquals(81, ids.size(), "ids are unique");
  }

  @Test
  void processes_never_lose_each_others_updates() throws Exception {
    TestHosts.manual(home, "h", 65536);
    List<Process> children = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      children.add(
          ChildJvm.start(
              List.of(), ChildWorker.class, "create", home.toString(), "h", "p" + p, "15"));
    }
    for (Process c : children) {
      assertTrue(c.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, c.exitValue(), new String(c.getInputStream().readAllBytes()));
    }
    assertEquals(46, new SimHosts(home).open("h").domains().size());
  }

  /**
   * Threads of one process commit in batches (GroupCommit): whatever the process said it had done
   * before it was killed (each line is printed after the call returned) is in the state.
   */
  @Test
  void a_killed_process_keeps_every_change_its_threads_were_told_was_made() throws Exception {
    TestHosts.manual(home, "h", 65536);
    for (int round = 0; round < 3; round++) {
      Process child =
          ChildJvm.start(List.of(), ChildWorker.class, "parallel", home.toString(), "h", "8");
      List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
      Thread reader =
          new Thread(
              () -> {
                try (java.io.BufferedReader r = child.inputReader()) {
                  for (String line = r.readLine(); line != null; line = r.readLine()) {
                    out.add(line);
                  }
                } catch (java.io.IOException closed) {
                  // the child is gone
                }
              });
      reader.start();
      // kill it once it has made some progress, a little later each round
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (out.size() < 20 && System.nanoTime() < deadline && child.isAlive()) {
        Thread.sleep(10);
      }
      Thread.sleep(50 + round * 150L);
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      reader.join(10_000);
      Set<String> made = new TreeSet<>();
      Set<String> gone = new TreeSet<>();
      for (String line : List.copyOf(out)) {
        if (line.startsWith("made ")) {
          made.add(line.substring(5));
        } else if (line.startsWith("gone ")) {
          gone.add(line.substring(5));
        }
      }
      // a line cut by the kill names nothing that exists; the last complete ones are what counts
      assertTrue(
          made.size() >= 10,
          "the child made progress before it was killed: " + out.stream().limit(5).toList());
      SimHost h = new SimHosts(home).open("h");
      Set<String> present = new TreeSet<>();
      for (DomainInfo d : h.domains()) {
        present.add(d.name());
      }
      for (String name : made) {
        // p{T}-{I} with I % 3 == 1 is destroyed right after p{T}-{I+1} is made: once that is
        // reported, the destroy may have committed without being reported
        int dash = name.lastIndexOf('-');
        String next =
            name.substring(0, dash + 1) + (Integer.parseInt(name.substring(dash + 1)) + 1);
        boolean mayBeGone =
            gone.contains(name)
                || (Integer.parseInt(name.substring(dash + 1)) % 3 == 1 && made.contains(next));
        if (!mayBeGone) {
          assertTrue(
              present.contains(name),
              "round " + round + ": " + name + " was reported made but is not in the state");
        }
      }
      for (String name : gone) {
        assertTrue(
            !present.contains(name),
            "round " + round + ": " + name + " was reported destroyed but is in the state");
      }
      long allocated = h.domains().stream().mapToLong(DomainInfo::memoryMiB).sum();
      assertEquals(65536, allocated + h.info().freeMemoryMiB());
      for (DomainInfo d : h.domains()) {
        if (!d.isDomain0()) {
          h.destroy(d.name(), "t");
        }
      }
    }
  }

  @Test
  void a_killed_writer_leaves_the_last_committed_state() throws Exception {
    TestHosts.manual(home, "h", 65536);
    for (int round = 0; round < 4; round++) {
      Process child = ChildJvm.start(List.of(), ChildWorker.class, "churn", home.toString(), "h");
      Thread.sleep(700 + round * 150L);
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      SimHost h = new SimHosts(home).open("h");
      List<DomainInfo> doms = h.domains();
      assertTrue(doms.stream().anyMatch(DomainInfo::isDomain0));
      long allocated = doms.stream().mapToLong(DomainInfo::memoryMiB).sum();
      assertEquals(65536, allocated + h.info().freeMemoryMiB());
    }
    SimHost h = new SimHosts(home).open("h");
    h.create(TestHosts.config("after", 8), false, "t");
    try (Stream<Path> s = Files.list(home.resolve("hosts/h"))) {
      assertTrue(
          s.noneMatch(p -> p.getFileName().toString().contains(".tmp-")),
          "a killed writer's temporary files are cleaned up");
    }
    assertTrue(h.domains().stream().anyMatch(d -> d.name().equals("after")));
  }
}
