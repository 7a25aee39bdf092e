package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Xm;

/**
 * Reads need no write access (issue #8, item 18): on a read-only {@code XM_HOME}, and on a full
 * disk, {@code xm list}, {@code diff}, {@code info} and {@code log} work, showing a shutdown that
 * fell due meanwhile; writes fail with a clear error and damage nothing; the next writer records
 * the shutdown at the time it fell due. Read-only is made for real where it can be (a read-only
 * bind mount or a small tmpfs as root, as CI runs; file modes otherwise) and by fault injection
 * always, so the test means something as root and without mount rights.
 */
class ReadOnlyHomeTest {
  @TempDir Path tmp;

  private Path mounted;

  @AfterEach
  void restore() throws Exception {
    StateStore.writeFault = null;
    if (mounted != null) {
      sh("umount", mounted.toString());
    }
  }

  private static final String SPEC =
      """
      apiVersion: xm/v1
      kind: Domain
      metadata: {name: web1, host: h}
      spec: {kernel: /boot/vmlinuz, memory: 64}
      """;

  /** A host with web1 applied from a spec, and web2 shutting down (due 100 ms later). */
  private Xm prepared(Path home) throws Exception {
    Files.createDirectories(home);
    Xm xm = new Xm(home, tmp).env("XM_HOST", "h");
    assertEquals(0, xm.run("host", "init", "h", "--shutdown-delay", "100").code());
    xm.file("web.yaml", SPEC);
    assertEquals(
        0, xm.run("apply", "-f", "web.yaml").code(), xm.run("apply", "-f", "web.yaml").toString());
    assertEquals(
        0, xm.run("create", "/dev/null", "name=web2", "kernel=/boot/vmlinuz", "memory=64").code());
    assertEquals(0, xm.run("shutdown", "web2").code());
    return xm;
  }

  /** What reads show once web2's shutdown fell due while nothing could be written. */
  private void readsWork(Xm xm, String why) throws Exception {
    Thread.sleep(300);
    Xm.Run list = xm.run("list");
    assertEquals(0, list.code(), why + ": " + list);
    assertTrue(list.out().contains("web1"), list.out());
    assertFalse(list.out().contains("web2"), "the due shutdown shows as done: " + list.out());
    Xm.Run diff = xm.run("diff", "-f", "web.yaml");
    assertEquals(0, diff.code(), why + ": " + diff);
    assertEquals(0, xm.run("info").code(), why);
    assertEquals(0, xm.run("log").code(), why);
    // more than the slack of a file system's last block, so that a full one has to refuse it
    // (within the limits: a 4000-byte kernel and ramdisk path and a 2000-byte command line)
    Xm.Run create =
        xm.run(
            "create",
            "/dev/null",
            "name=web3",
            "kernel=/boot/" + "k".repeat(4000),
            "ramdisk=/boot/" + "r".repeat(4000),
            "memory=64",
            "extra=" + "x".repeat(2000));
    assertNotEquals(0, create.code(), create.toString());
    assertTrue(
        create.error().startsWith("Error: ") && create.error().contains(why), create.toString());
    assertFalse(create.err().contains("\tat "), "no stack trace: " + create);
  }

  /** Once writable again: nothing was damaged, and the shutdown is recorded when it fell due. */
  private void writesGoOn(Xm xm) {
    long before = System.currentTimeMillis();
    assertEquals(
        0, xm.run("create", "/dev/null", "name=web3", "kernel=/boot/vmlinuz", "memory=64").code());
    Xm.Run list = xm.run("list");
    assertTrue(
        list.out().contains("web1") && list.out().contains("web3") && !list.out().contains("web2"),
        list.out());
    String log = xm.run("log").out();
    String line =
        log.lines()
            .filter(l -> l.contains("Domain web2") && l.contains("shut down"))
            .findFirst()
            .orElseThrow();
    assertFalse(
        line.contains("(xm create"), "the host did it, not the command that wrote it: " + line);
    String stamp = line.substring(1, 20);
    String writtenAt =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(java.time.ZoneOffset.UTC)
            .format(java.time.Instant.ofEpochMilli(before));
    assertTrue(
        stamp.compareTo(writtenAt) <= 0,
        "stamped when due (" + stamp + "), not when written (" + writtenAt + ")");
  }

  @Test
  void reads_work_when_every_write_is_refused_by_fault_injection() throws Exception {
    Path home = tmp.resolve("home");
    Xm xm = prepared(home);
    StateStore.writeFault =
        p ->
            p.startsWith(home)
                ? new FileSystemException(p.toString(), null, "Read-only file system")
                : null;
    readsWork(xm, "Read-only file system");
    StateStore.writeFault = null;
    writesGoOn(xm);
  }

  @Test
  void reads_work_on_a_full_disk_by_fault_injection() throws Exception {
    Path home = tmp.resolve("home");
    Xm xm = prepared(home);
    byte[] journal = Files.readAllBytes(home.resolve("hosts/h/" + Journal.FILE));
    StateStore.writeFault =
        p -> p.startsWith(home) ? new IOException("No space left on device") : null;
    readsWork(xm, "No space left on device");
    StateStore.writeFault = null;
    assertEquals(
        List.of(), diffFrom(journal, Files.readAllBytes(home.resolve("hosts/h/" + Journal.FILE))));
    writesGoOn(xm);
  }

  @Test
  void reads_work_on_a_read_only_file_system() throws Exception {
    Path home = tmp.resolve("home");
    Xm writable = prepared(home);
    Path ro = tmp.resolve("ro");
    Files.createDirectories(ro);
    String why;
    if (root()) {
      assumeTrue(
          sh("mount", "--bind", home.toString(), ro.toString()) == 0,
          "mount --bind is not permitted here");
      mounted = ro;
      assertEquals(0, sh("mount", "-o", "remount,ro,bind", ro.toString()));
      why = "Read-only file system";
    } else {
      ro = home;
      assertEquals(0, sh("chmod", "-R", "a-w", home.toString()));
      why = "permission denied";
    }
    Xm xm = new Xm(ro, tmp).env("XM_HOST", "h");
    readsWork(xm, why);
    if (mounted != null) {
      sh("umount", mounted.toString());
      mounted = null;
    } else {
      sh("chmod", "-R", "u+w", home.toString());
    }
    writesGoOn(writable);
  }

  @Test
  void reads_work_on_a_full_file_system_and_a_failed_write_leaves_no_trace() throws Exception {
    assumeTrue(root(), "only root can mount a small tmpfs");
    Path home = tmp.resolve("small");
    Files.createDirectories(home);
    assumeTrue(
        sh("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", home.toString()) == 0,
        "mount is not permitted here");
    mounted = home;
    Xm xm = prepared(home);
    Path filler = home.resolve("filler");
    try (java.io.OutputStream out = Files.newOutputStream(filler)) {
      byte[] block = new byte[4096];
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      // the file system is full
    }
    readsWork(xm, "No space left on device");
    Files.delete(filler);
    writesGoOn(xm);
  }

  private static List<Integer> diffFrom(byte[] a, byte[] b) {
    return java.util.Arrays.equals(a, b) ? List.of() : List.of(a.length, b.length);
  }

  private static boolean root() throws Exception {
    Process p = new ProcessBuilder("id", "-u").start();
    return new String(p.getInputStream().readAllBytes()).trim().equals("0");
  }

  private static int sh(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }
}
