package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xm.hypervisor.DomainInfo;

/** A migration killed after any of its steps: the domain ends up on exactly one host, running. */
class MigrationCrashIT {
  @TempDir Path home;

  @ParameterizedTest(name = "killed after step {0}")
  @ValueSource(ints = {1, 2, 3, 4})
  void the_domain_is_never_lost_nor_duplicated(int step) throws Exception {
    SimHost a = TestHosts.manual(home, "a", 4096);
    TestHosts.manual(home, "b", 4096);
    String uuid = a.create(TestHosts.config("web1", 256), false, "t").uuid();
    Process child =
        ChildJvm.start(
            List.of("-D" + Migrator.CRASH_PROPERTY + "=" + step),
            ChildWorker.class,
            "migrate",
            home.toString(),
            "a",
            "web1",
            "b");
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    String output = new String(child.getInputStream().readAllBytes());
    assertEquals(step == 4 ? 0 : 137, child.exitValue(), output);

    List<DomainInfo> everywhere = new ArrayList<>();
    for (String host : List.of("a", "b")) {
      for (DomainInfo d : new SimHosts(home).open(host).domains()) {
        if (d.uuid().equals(uuid)) {
          everywhere.add(d);
        }
      }
    }
    assertEquals(1, everywhere.size(), "exactly one copy after a crash at step " + step);
    assertEquals("-b----", everywhere.get(0).flags().toString(), "and it runs");
    long total = 0;
    for (String host : List.of("a", "b")) {
      SimHost h = new SimHosts(home).open(host);
      total += h.info().freeMemoryMiB();
    }
    assertEquals(2 * (4096 - 512) - 256, total, "memory is held once");
  }
}
