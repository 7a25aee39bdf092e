package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import xm.diag.XmException;
import xm.hypervisor.ShutdownMode;

/**
 * Whatever a crash leaves of the journal, a reader gets exactly a committed state: for any sequence
 * of operations (creates, destroys, changes, shutdowns that fall due, checkpoints), the journal cut
 * at any byte, and with any garbage after the cut (a write that never completed), reads as the
 * state of the last record wholly before the cut, byte for byte as the writer had it.
 */
class JournalReplayProperties {
  record Op(String kind, int domain, int value) {}

  @Property(tries = 40)
  void any_prefix_of_the_journal_with_any_torn_tail_reads_as_a_committed_state(
      @ForAll("ops") List<Op> ops,
      @ForAll @Size(max = 12)
          List<@net.jqwik.api.constraints.IntRange(min = 0, max = 1 << 20) Integer> cuts,
      @ForAll @Size(max = 64) byte[] garbage)
      throws Exception {
    Path home = Files.createTempDirectory("xm-journal");
    try {
      SimHost h = TestHosts.manual(home, "h", 65536);
      Path dir = h.dir();
      Map<Long, String> committed = new HashMap<>();
      committed.put(0L, StateCodec.write(h.load()));
      h.create(TestHosts.config("first", 16), false, "p"); // so that there is a journal
      committed.put(1L, StateCodec.write(StateCache.get(dir)));
      for (Op op : ops) {
        try {
          run(h, op);
        } catch (XmException refused) {
          // nothing committed
        }
        SimState s = StateCache.get(dir);
        assertNotNull(s, "the writer's state is kept after each commit");
        committed.put(s.revision, StateCodec.write(s));
      }
      byte[] journal = Files.readAllBytes(dir.resolve(Journal.FILE));
      byte[] checkpoint = Files.readAllBytes(dir.resolve(StateStore.STATE_FILE));
      Journal.Scan scan = Journal.scan(journal, 0, null);
      TreeSet<Integer> at = new TreeSet<>();
      at.add((int) scan.header().end());
      for (Journal.Entry e : scan.entries()) {
        at.add((int) e.offset() + 1);
        at.add((int) e.end() - 1);
        at.add((int) e.end());
      }
      for (int c : cuts) {
        at.add(
            (int) scan.header().end()
                + c % Math.max(1, journal.length - (int) scan.header().end() + 1));
      }
      Path copy = home.resolve("copy");
      Files.createDirectories(copy);
      Files.write(copy.resolve(StateStore.STATE_FILE), checkpoint);
      StateFiles files = new StateFiles(new StateStore(copy), "h", h.spec());
      for (int cut : at) {
        if (cut > journal.length) {
          continue;
        }
        for (byte[] tail : List.of(new byte[0], garbage)) {
          byte[] cutJournal = java.util.Arrays.copyOf(journal, cut + tail.length);
          System.arraycopy(tail, 0, cutJournal, cut, tail.length);
          // the last record wholly there (the garbage may happen to complete one exactly as
          // written)
          long revision = scan.base();
          for (Journal.Entry e : scan.entries()) {
            if (e.end() <= cutJournal.length
                && java.util.Arrays.equals(
                    cutJournal, 0, (int) e.end(), journal, 0, (int) e.end())) {
              revision = e.to();
            }
          }
          Files.write(copy.resolve(Journal.FILE), cutJournal);
          SimState read = files.read(true);
          assertEquals(revision, read.revision, "cut at " + cut + " of " + journal.length);
          assertEquals(
              committed.get(revision),
              StateCodec.write(read),
              "cut at " + cut + " of " + journal.length);
        }
      }
    } finally {
      try (Stream<Path> s = Files.walk(home)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void run(SimHost h, Op op) {
    String name = "d" + op.domain();
    switch (op.kind()) {
      case "create" ->
          h.create(TestHosts.config(name, 16 + op.value() % 64), op.value() % 5 == 0, "p");
      case "destroy" -> h.destroy(name, "p");
      case "mem-set" -> h.setMemory(name, 8 + op.value() % 32, "p");
      case "pause" -> h.pause(name, "p");
      case "unpause" -> h.unpause(name, "p");
      case "shutdown" ->
          h.shutdown(name, op.value() % 2 == 0 ? ShutdownMode.POWEROFF : ShutdownMode.REBOOT, "p");
      case "advance" -> h.advance(Duration.ofMillis(op.value() % 3000), "p");
      case "annotate" -> h.annotate(name, true, Map.of("xm/scope", "s" + op.value() % 3), "p");
      case "checkpoint" -> h.checkpointNow();
      default -> throw new IllegalStateException(op.kind());
    }
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<String> kinds =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, Arbitraries.just("create")),
            net.jqwik.api.Tuple.of(2, Arbitraries.just("destroy")),
            net.jqwik.api.Tuple.of(2, Arbitraries.just("mem-set")),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("pause")),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("unpause")),
            net.jqwik.api.Tuple.of(2, Arbitraries.just("shutdown")),
            net.jqwik.api.Tuple.of(2, Arbitraries.just("advance")),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("annotate")),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("checkpoint")));
    return Combinators.combine(
            kinds, Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 10_000))
        .as(Op::new)
        .list()
        .ofMaxSize(24);
  }
}
