package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.diag.XmException;

/**
 * The state lies in a checkpoint and a journal: a commit appends one record and leaves the
 * checkpoint alone; a torn last record is a write that never completed (ignored, then cut away); a
 * damaged record with intact ones after it is reported with its offset and never written over.
 */
class StateStoreTest {
  @TempDir Path home;

  private Path file(String name) {
    return home.resolve("hosts/h").resolve(name);
  }

  private Object inode(String name) throws Exception {
    return Files.readAttributes(file(name), java.nio.file.attribute.BasicFileAttributes.class)
        .fileKey();
  }

  @Test
  void a_commit_appends_what_changed_and_leaves_the_checkpoint_alone() throws Exception {
    SimHost h = TestHosts.manual(home, "h", 65536);
    for (int i = 0; i < 50; i++) {
      h.create(TestHosts.config("d" + i, 64), false, "t");
    }
    h.checkpointNow();
    byte[] checkpoint = Files.readAllBytes(file("state.sxp"));
    Object inode = inode("state.sxp");
    long journal = Files.size(file(Journal.FILE));
    h.setMemory("d7", 32, "t");
    assertArrayEquals(
        checkpoint, Files.readAllBytes(file("state.sxp")), "the checkpoint is not rewritten");
    assertEquals(inode, inode("state.sxp"));
    long record = Files.size(file(Journal.FILE)) - journal;
    assertTrue(
        record < 2 * checkpoint.length / 50,
        "one domain's worth is appended, not the host: " + record + " bytes");
    assertEquals(32, new SimHosts(home).open("h").domain("d7").memoryMiB());
  }

  @Test
  void the_journal_is_folded_into_a_new_checkpoint_once_it_outgrows_it() throws Exception {
    SimHost h = TestHosts.manual(home, "h", 65536);
    Object first = inode("state.sxp");
    long rounds = 0;
    long bound = StateFiles.minJournalBytes;
    StateFiles.minJournalBytes = 4096;
    try {
      while (inode("state.sxp").equals(first)) {
        h.create(TestHosts.config("d" + rounds, 8), false, "t");
        h.destroy("d" + rounds, "t");
        rounds++;
        assertTrue(rounds < 100, "a compaction happens");
      }
    } finally {
      StateFiles.minJournalBytes = bound;
    }
    assertTrue(
        Files.size(file(Journal.FILE)) < 200,
        "the journal starts afresh: " + Files.size(file(Journal.FILE)));
    SimState s = new SimHosts(home).open("h").load();
    assertEquals(2 * rounds, s.revision);
    assertEquals(1, s.domains.size());
    h.create(TestHosts.config("after", 8), false, "t");
    assertEquals(2, new SimHosts(home).open("h").domains().size());
  }

  @Test
  void a_torn_last_record_is_ignored_and_cut_away_by_the_next_writer() throws Exception {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    long intact = Files.size(file(Journal.FILE));
    h.create(TestHosts.config("b", 64), false, "t");
    byte[] all = Files.readAllBytes(file(Journal.FILE));
    for (int cut = (int) intact + 1; cut < all.length; cut += 37) {
      Files.write(file(Journal.FILE), java.util.Arrays.copyOf(all, cut));
      List<String> names =
          new SimHosts(home).open("h").domains().stream().map(d -> d.name()).toList();
      assertEquals(
          List.of("Domain-0", "a"), names, "cut at " + cut + ": b's write never completed");
    }
    // a whole record's worth of zeros (blocks allocated, never written) is a torn tail too
    Files.write(
        file(Journal.FILE),
        java.util.Arrays.copyOf(java.util.Arrays.copyOf(all, (int) intact), all.length));
    SimHost again = new SimHosts(home).open("h");
    assertEquals(2, again.domains().size());
    again.create(TestHosts.config("c", 64), false, "t");
    assertEquals(
        List.of("Domain-0", "a", "c"),
        new SimHosts(home).open("h").domains().stream().map(d -> d.name()).toList());
    byte[] now = Files.readAllBytes(file(Journal.FILE));
    assertTrue(
        java.util.stream.IntStream.range(0, now.length - 64)
            .noneMatch(i -> java.util.Arrays.equals(now, i, i + 64, new byte[64], 0, 64)),
        "the zeros were cut away, not written after");
  }

  @Test
  void a_damaged_record_in_the_middle_is_reported_with_its_offset_and_never_written_over()
      throws Exception {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    long second = Files.size(file(Journal.FILE));
    h.create(TestHosts.config("b", 64), false, "t");
    h.create(TestHosts.config("c", 64), false, "t");
    byte[] bytes = Files.readAllBytes(file(Journal.FILE));
    bytes[(int) second + Journal.FRAME_HEADER + 20] ^= 0x20;
    Files.write(file(Journal.FILE), bytes);
    byte[] checkpoint = Files.readAllBytes(file("state.sxp"));
    SimHost fresh = new SimHosts(home).open("h");
    XmException e = assertThrows(XmException.class, fresh::domains);
    assertEquals(XmException.Kind.UNAVAILABLE, e.kind());
    assertTrue(
        e.getMessage()
            .startsWith(
                "Unable to read host state: " + file(Journal.FILE) + ": byte " + second + ": "),
        e.getMessage());
    assertTrue(e.getMessage().contains("move state.journal away"), e.getMessage());
    assertThrows(XmException.class, () -> fresh.create(TestHosts.config("d", 64), false, "t"));
    assertArrayEquals(bytes, Files.readAllBytes(file(Journal.FILE)), "never written over");
    assertArrayEquals(checkpoint, Files.readAllBytes(file("state.sxp")));
  }

  @Test
  void a_record_whose_text_is_bad_is_refused_like_a_bad_state_file() throws Exception {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    long at = Files.size(file(Journal.FILE));
    // a well-framed record (right checksum) whose domain repeats a name already in the state
    SimState s = h.load();
    SimDomain copy = StateCodec.domainFromSxp(StateCodec.domainToSxp(s.byName("a")), "t");
    copy.uuid = "00000000-0000-0000-0000-000000000001";
    copy.config = copy.config.withUuid(copy.uuid); // a domain's uuid is its config's
    copy.id = 1;
    String text =
        "(commit\n    " + xm.sxp.SxpPrinter.exactAt(StateCodec.domainToSxp(copy), 4) + "\n)\n";
    Files.write(
        file(Journal.FILE),
        Journal.frame(s.revision, s.revision + 1, text.getBytes()),
        java.nio.file.StandardOpenOption.APPEND);
    XmException e = assertThrows(XmException.class, () -> new SimHosts(home).open("h").domains());
    assertTrue(
        e.getMessage().contains(file(Journal.FILE) + " (record at byte " + at + ")"),
        e.getMessage());
    assertTrue(e.getMessage().contains("two domains are named 'a'"), e.getMessage());
  }

  @Test
  void a_journal_that_does_not_follow_the_checkpoint_is_refused() throws Exception {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    byte[] old = Files.readAllBytes(file("state.sxp"));
    h.checkpointNow();
    h.create(TestHosts.config("b", 64), false, "t");
    // an older checkpoint put back by hand: the journal follows a newer one
    Files.write(file("state.sxp"), old);
    XmException e = assertThrows(XmException.class, () -> new SimHosts(home).open("h").domains());
    assertTrue(
        e.getMessage().contains("the journal follows revision 1 but state.sxp is of revision 0"),
        e.getMessage());
  }

  @Test
  void a_checkpoint_is_never_written_in_place() throws Exception {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    Object before = inode("state.sxp");
    h.checkpointNow();
    assertNotEquals(
        before, inode("state.sxp"), "a reader that opened the old one keeps reading it whole");
  }
}
