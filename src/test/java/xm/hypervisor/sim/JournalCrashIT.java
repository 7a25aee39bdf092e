package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xm.hypervisor.DomainInfo;

/**
 * A writer killed (halted, as by kill -9) half-way through appending a record, or between writing a
 * new checkpoint and restarting the journal: every create it reported is there, the one in flight
 * is there only if it became durable, and the next writer carries on.
 */
class JournalCrashIT {
  @TempDir Path home;

  private Set<String> killedChild(String crashAt, List<String> more) throws Exception {
    TestHosts.manual(home, "h", 65536);
    List<String> jvm = new java.util.ArrayList<>(more);
    jvm.add("-D" + StateFiles.CRASH_PROPERTY + "=" + crashAt);
    Process child = ChildJvm.start(jvm, ChildWorker.class, "made", home.toString(), "h", "c", "60");
    assertTrue(child.waitFor(120, TimeUnit.SECONDS));
    String out = new String(child.getInputStream().readAllBytes());
    assertEquals(137, child.exitValue(), out);
    Set<String> made = new TreeSet<>();
    out.lines().filter(l -> l.startsWith("made ")).forEach(l -> made.add(l.substring(5)));
    return made;
  }

  private Set<String> present() {
    Set<String> names = new TreeSet<>();
    for (DomainInfo d : new SimHosts(home).open("h").domains()) {
      if (!d.isDomain0()) {
        names.add(d.name());
      }
    }
    return names;
  }

  @ParameterizedTest(name = "killed half-way through append {0}")
  @ValueSource(ints = {1, 2, 9})
  void a_torn_append_loses_only_the_unreported_create(int n) throws Exception {
    Set<String> made = killedChild("append:" + n, List.of());
    assertEquals(n - 1, made.size(), made.toString());
    assertEquals(made, present(), "exactly what was reported");
    SimHost h = new SimHosts(home).open("h");
    h.create(TestHosts.config("after", 8), false, "t");
    Set<String> expected = new TreeSet<>(made);
    expected.add("after");
    assertEquals(
        expected, present(), "the next writer cut the torn record away and appended after it");
    assertEquals(h.revision(), n, "revisions go on from the last committed one");
  }

  @ParameterizedTest(name = "killed during compaction {0}")
  @ValueSource(ints = {1, 3})
  void a_compaction_cut_short_keeps_every_commit(int n) throws Exception {
    Set<String> made = killedChild("compaction:" + n, List.of("-Dxm.sim.minJournalBytes=2048"));
    Set<String> present = present();
    assertTrue(
        present.containsAll(made), "every reported create is there: " + made + " vs " + present);
    Set<String> extra = new TreeSet<>(present);
    extra.removeAll(made);
    assertTrue(
        extra.size() <= 1 && extra.stream().allMatch(x -> x.equals("c-" + made.size())),
        "besides, at most the create in flight (durable before the compaction began): " + extra);
    SimHost h = new SimHosts(home).open("h");
    long before = h.revision();
    for (int i = 0; i < 5; i++) {
      h.create(TestHosts.config("after-" + i, 8), false, "t");
    }
    assertEquals(before + 5, new SimHosts(home).open("h").revision());
    assertEquals(present.size() + 5, present().size());
  }
}
