package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import xm.diag.XmException;
import xm.testing.Bounded;
import xm.testing.TempTrees;
import xm.testing.Xm;

/**
 * {@code xm save DOM PATH} writes only a new path or a regular file outside {@code XM_HOME}, and
 * never loses the domain: before, saving onto {@code state.sxp} or {@code host.sxp} left the host
 * unreadable and the domain gone, and a device node was replaced. {@code xm restore} reads at most
 * 16 MiB of a regular file.
 */
class SavePathProperties {

  /** The places a save may be pointed at, fair and foul. */
  enum Target {
    NEW_FILE,
    EXISTING_FILE,
    STATE_FILE,
    HOST_FILE,
    STATE_BY_DOTS,
    STATE_BY_LINKED_DIR,
    LINK_TO_STATE,
    NEW_FILE_IN_HOME,
    DEV_NULL,
    DIRECTORY,
    MISSING_DIRECTORY,
    PARENT_IS_A_FILE,
    DANGLING_LINK
  }

  @Property(tries = 60)
  void a_save_writes_a_regular_file_outside_xm_home_or_changes_nothing(@ForAll Target target)
      throws IOException {
    Path root = Files.createTempDirectory("xm-save");
    try {
      Xm xm = new Xm(root.resolve("xm"), root.resolve("cwd"));
      Files.createDirectories(root.resolve("cwd"));
      assertEquals(0, xm.run("create", "/dev/null", "name=a", "kernel=/k", "memory=64").code());
      Path host = xm.home().resolve("hosts/localhost");
      String path = place(target, root, host);
      Map<Path, byte[]> before = contents(host);
      Xm.Run r = Bounded.run(target + " " + path, () -> xm.run("save", "a", path));
      assertFalse(r.err().contains("internal error"), r.toString());
      Xm.Run list = xm.run("list", "a");
      if (r.code() == 0) {
        Path written = root.resolve("cwd").resolve(path).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(written), target + ": " + written);
        assertFalse(
            written.toRealPath().startsWith(xm.home().toRealPath()),
            target + " wrote inside XM_HOME");
        assertEquals(3, list.code(), "the saved domain is gone from the host");
        assertEquals(0, xm.run("restore", written.toString()).code(), target + ": restore");
        assertEquals(0, xm.run("list", "a").code());
      } else {
        assertTrue(r.error().startsWith("Error: xm save: "), r.toString());
        assertEquals(
            0, list.code(), target + ": the domain was lost by a refused save: " + r.error());
        Map<Path, byte[]> after = contents(host);
        for (Path p : before.keySet()) {
          if (!p.toString().endsWith(".log")) {
            assertArrayEquals(before.get(p), after.get(p), target + " changed " + p);
          }
        }
      }
      assertEquals(0, xm.run("list", "-l").code(), target + ": the host reads its state");
    } finally {
      TempTrees.delete(root);
    }
  }

  @Example
  void a_save_file_that_cannot_be_written_leaves_the_domain_running() throws IOException {
    Path root = Files.createTempDirectory("xm-save");
    try {
      SimHost h = TestHosts.manual(root.resolve("xm"), "h", 4096);
      h.create(TestHosts.config("a", 64), false, "t");
      Path file = Files.writeString(root.resolve("not-a-dir"), "x");
      assertThrows(XmException.class, () -> h.save("a", file.resolve("a.save"), "t"));
      assertEquals("a", h.domain("a").name());
    } finally {
      TempTrees.delete(root);
    }
  }

  @Example
  void restore_refuses_what_is_not_a_bounded_regular_file() throws IOException {
    Path root = Files.createTempDirectory("xm-restore");
    try {
      Xm xm = new Xm(root.resolve("xm"), root);
      Path big = root.resolve("big.save");
      try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
        f.write("xm-save 1 localhost\n(".getBytes());
        f.setLength(17L << 20);
      }
      for (String file : new String[] {"/dev/zero", "/dev/null", root.toString(), big.toString()}) {
        Xm.Run r = Bounded.run(file, () -> xm.run("restore", file));
        assertEquals(1, r.code(), file + ": " + r);
        assertTrue(r.error().startsWith("Error: xm restore: "), file + ": " + r.error());
      }
      assertTrue(xm.run("restore", big.toString()).error().contains("larger than 16 MiB"));
    } finally {
      TempTrees.delete(root);
    }
  }

  /** The path (as typed, relative to the working directory {@code root/cwd}) for {@code target}. */
  private static String place(Target target, Path root, Path host) throws IOException {
    Path cwd = root.resolve("cwd");
    return switch (target) {
      case NEW_FILE -> "a.save";
      case EXISTING_FILE -> Files.writeString(cwd.resolve("old.save"), "old").toString();
      case STATE_FILE -> host.resolve("state.sxp").toString();
      case HOST_FILE -> host.resolve("host.sxp").toString();
      case STATE_BY_DOTS -> "../xm/hosts/localhost/../localhost/state.sxp";
      case STATE_BY_LINKED_DIR ->
          Files.createSymbolicLink(cwd.resolve("h"), host).resolve("state.sxp").toString();
      case LINK_TO_STATE ->
          Files.createSymbolicLink(cwd.resolve("s.save"), host.resolve("state.sxp")).toString();
      case NEW_FILE_IN_HOME -> host.resolve("a.save").toString();
      case DEV_NULL -> "/dev/null";
      case DIRECTORY -> cwd.toString();
      case MISSING_DIRECTORY -> "no/such/dir/a.save";
      case PARENT_IS_A_FILE ->
          Files.writeString(cwd.resolve("f"), "x").resolve("a.save").toString();
      case DANGLING_LINK ->
          Files.createSymbolicLink(cwd.resolve("d.save"), root.resolve("nowhere")).toString();
    };
  }

  private static Map<Path, byte[]> contents(Path dir) throws IOException {
    Map<Path, byte[]> out = new LinkedHashMap<>();
    try (var s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          out.put(p, Files.readAllBytes(p));
        }
      }
    }
    return out;
  }
}
