package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state file is replaced through a spare file that takes turns with it: whatever a killed
 * writer left (a half-written spare, a kept previous file, no spare at all), the next commit
 * still replaces the state whole and leaves the two files in turn again.
 */
class StateStoreTest {
  @TempDir
  Path home;

  private Path dir() {
    return home.resolve("hosts/h");
  }

  private List<String> files() throws Exception {
    try (Stream<Path> s = Files.list(dir())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("state.sxp")).sorted().toList();
    }
  }

  private Object inode(String name) throws Exception {
    return Files.readAttributes(dir().resolve(name), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
  }

  @Test
  void commits_take_turns_between_two_files() throws Exception {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    assertEquals(List.of("state.sxp", "state.sxp.spare"), files());
    Object first = inode("state.sxp");
    Object spare = inode("state.sxp.spare");
    assertNotEquals(first, spare);
    h.create(TestHosts.config("b", 64), false, "t");
    assertEquals(spare, inode("state.sxp"), "the spare became the state");
    assertEquals(first, inode("state.sxp.spare"), "and the old state the spare");
    Files.writeString(dir().resolve("state.sxp.spare"), "junk");
    assertEquals(3, h.domains().size(), "the spare is no part of the state");
  }

  @Test
  void a_writer_killed_half_way_leaves_nothing_the_next_commit_cannot_use() throws Exception {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    // killed after keeping the old file by a second name, before renaming the spare over it
    Files.writeString(dir().resolve("state.sxp.spare"), "(half written");
    Files.createLink(dir().resolve("state.sxp.previous"), dir().resolve("state.sxp"));
    h.create(TestHosts.config("b", 64), false, "t");
    assertEquals(List.of("state.sxp", "state.sxp.spare"), files());
    // killed after the rename, before the old file became the spare: no spare, a previous file
    Files.move(dir().resolve("state.sxp.spare"), dir().resolve("state.sxp.previous"));
    h.create(TestHosts.config("c", 64), false, "t");
    assertEquals(List.of("state.sxp", "state.sxp.spare"), files());
    SimState s = new SimHosts(home).open("h").load();
    assertEquals(4, s.domains.size());
    assertTrue(Files.readString(dir().resolve("state.sxp")).contains("(name c)"));
    assertFalse(Files.readString(dir().resolve("state.sxp.spare")).contains("(name c)"), "the spare holds an older state");
  }
}
