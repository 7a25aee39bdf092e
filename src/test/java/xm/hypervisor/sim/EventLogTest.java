package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.hypervisor.ChangeEvent;
import xm.testing.Bounded;

/**
 * The change history stays bounded however long a host lives, and keeps what drift reports are made
 * of: the newest change of every field of every domain that still exists.
 */
class EventLogTest {
  @TempDir Path dir;

  private static ChangeEvent event(
      long rev, String uuid, String field, String after, String origin) {
    return new ChangeEvent(rev, rev * 1000, "d-" + uuid, uuid, field, "before", after, origin);
  }

  @Test
  void an_old_cause_survives_a_long_busy_history_and_the_files_stay_bounded() throws Exception {
    StateStore store = new StateStore(dir);
    long rev = 1;
    EventLog.append(
        store,
        List.of(
            event(rev++, "web1", "domain", "running", "xm apply -f specs"),
            event(rev++, "web1", "memory", "384 MiB", "xm mem-set web1 384")));
    // 40,000 more events: short-lived domains made and destroyed, long-lived ones changed often
    for (int batch = 0; batch < 2000; batch++) {
      List<ChangeEvent> events = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String uuid = "churn-" + batch + "-" + i;
        events.add(event(rev, uuid, "domain", "running", "xm create"));
        events.add(event(rev, "busy-" + (i % 5), "vcpus", Integer.toString(batch), "xm vcpu-set"));
        events.add(event(rev, uuid, "domain", "(none)", "xm destroy"));
        rev++;
      }
      EventLog.append(store, events);
    }
    assertTrue(Files.size(store.file(EventLog.FILE)) <= EventLog.ROTATE_BYTES + 64 * 1024);
    assertTrue(Files.size(store.file(EventLog.OLD_FILE)) <= EventLog.COMPACT_BYTES);
    List<ChangeEvent> all = EventLog.since(store, 0);
    ChangeEvent cause =
        all.stream()
            .filter(e -> e.uuid().equals("web1") && e.field().equals("memory"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the cause of web1's memory was dropped"));
    assertEquals("xm mem-set web1 384", cause.origin());
    ChangeEvent busy =
        all.stream().filter(e -> e.uuid().equals("busy-0")).reduce((a, b) -> b).orElseThrow();
    assertEquals("1999", busy.after(), "the newest change of a field is kept");
    for (int i = 1; i < all.size(); i++) {
      assertTrue(all.get(i - 1).revision() <= all.get(i).revision(), "oldest first, each once");
    }
  }

  @Test
  void a_compaction_killed_half_way_repeats_nothing() throws Exception {
    StateStore store = new StateStore(dir);
    EventLog.append(
        store, List.of(event(1, "a", "memory", "1", "x"), event(2, "a", "memory", "2", "y")));
    Files.copy(
        store.file(EventLog.FILE), store.file(EventLog.OLD_FILE)); // compacted, not yet emptied
    EventLog.append(store, List.of(event(3, "a", "memory", "3", "z")));
    assertEquals(
        List.of(1L, 2L, 3L), EventLog.since(store, 0).stream().map(ChangeEvent::revision).toList());
  }

  @Test
  void a_two_gib_history_is_read_and_compacted_in_bounded_memory() throws Exception {
    StateStore store = new StateStore(dir);
    try (RandomAccessFile f = new RandomAccessFile(store.file(EventLog.FILE).toFile(), "rw")) {
      f.setLength(2L << 30);
    }
    Bounded.run(
        java.time.Duration.ofSeconds(60),
        "2 GiB events.sxp",
        () -> {
          EventLog.since(store, 0);
          EventLog.append(store, List.of(event(7, "a", "memory", "1", "xm mem-set a 1")));
          return null;
        });
    assertEquals(
        List.of(7L), EventLog.since(store, 0).stream().map(ChangeEvent::revision).toList());
    assertTrue(Files.size(store.file(EventLog.FILE)) < 4096);
  }
}
