package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Bounded;

/** Size rotation keeps a log within its bound, and reading one never holds a file whole. */
class LogFilesTest {
  @TempDir Path dir;

  static final LogFiles.Bound SMALL = new LogFiles.Bound(1000, 3);

  @Test
  void a_log_rotates_by_size_keeping_a_bounded_number_of_old_files_and_the_newest_lines()
      throws Exception {
    Path log = dir.resolve("x.log");
    for (int i = 0; i < 500; i++) {
      LogFiles.append(log, "line " + i + " " + "-".repeat(40) + "\n", SMALL);
    }
    assertTrue(Files.size(log) <= 1000);
    for (int i = 1; i <= 3; i++) {
      assertTrue(Files.size(LogFiles.old(log, i)) <= 1000, "old file " + i);
    }
    assertFalse(Files.exists(LogFiles.old(log, 4)), "no more old files than the bound keeps");
    List<String> lines = new ArrayList<>();
    LogFiles.stream(log, SMALL, lines::add);
    assertEquals("line 499 " + "-".repeat(40), lines.get(lines.size() - 1));
    for (int i = 1; i < lines.size(); i++) {
      int a = Integer.parseInt(lines.get(i - 1).split(" ")[1]);
      int b = Integer.parseInt(lines.get(i).split(" ")[1]);
      assertEquals(a + 1, b, "oldest first, none lost between the files kept");
    }
    List<String> tail = LogFiles.tail(log, SMALL, 500);
    assertEquals(
        lines.subList(lines.size() - tail.size(), lines.size()),
        tail,
        "a tail is the newest whole lines");
  }

  @Test
  void a_line_longer_than_the_limit_is_cut_saying_how_much() throws Exception {
    Path log = dir.resolve("long.log");
    Files.writeString(log, "a\n" + "x".repeat(LogFiles.MAX_LINE + 10) + "\nb\n");
    List<String> lines = new ArrayList<>();
    LogFiles.stream(log, LogFiles.XEND_LOG, lines::add);
    assertEquals(
        List.of(
            "a",
            "x".repeat(LogFiles.MAX_LINE) + " [... 10 more bytes of this line not shown]",
            "b"),
        lines);
  }

  @Test
  void removing_a_log_removes_its_old_files() throws Exception {
    Path log = dir.resolve("c.log");
    for (int i = 0; i < 100; i++) {
      LogFiles.append(log, "x".repeat(99) + "\n", SMALL);
    }
    LogFiles.remove(log, SMALL);
    try (var s = Files.list(dir)) {
      assertEquals(0, s.count());
    }
  }

  /**
   * A 2 GiB log of zeros (sparse: no disk) read with a 768 MiB heap: streamed, cut, rotated away.
   */
  @Test
  void a_two_gib_log_is_streamed_in_bounded_memory_and_cut_down_on_rotation() throws Exception {
    Path log = dir.resolve("big.log");
    long size = (2L << 30) + 5;
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
      f.setLength(size - 1);
      f.seek(size - 1);
      f.write('\n');
    }
    List<String> lines = new ArrayList<>();
    Bounded.run(
        java.time.Duration.ofSeconds(120),
        "2 GiB log",
        () -> {
          try {
            LogFiles.stream(log, LogFiles.XEND_LOG, lines::add);
            assertEquals(
                List.of(
                    "[... "
                        + (size - LogFiles.XEND_LOG.maxBytes())
                        + " older bytes of big.log not shown]"),
                lines,
                "only the last MiB is read, and it holds no whole line");
            assertTrue(LogFiles.tail(log, LogFiles.XEND_LOG, 4096).size() <= 1);
            LogFiles.append(log, "next\n", LogFiles.XEND_LOG);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return null;
        });
    assertEquals(5, Files.size(log));
    assertTrue(
        Files.size(LogFiles.old(log, 1)) <= LogFiles.XEND_LOG.maxBytes(),
        "the oversized file kept only its tail");
  }
}
