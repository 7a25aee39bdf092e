package xm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Bounded;
import xm.testing.Xm;

/**
 * Logs through the CLI: forged lines and escape sequences, consoles that live as long as their
 * domain, and 2 GiB files (sparse) that xm log, console, dmesg, diff and apply read in bounded
 * memory (the test heap is 768 MiB).
 */
class LogsIT {
  @TempDir Path work;

  Xm xm;
  Path host;

  @BeforeEach
  void host() throws Exception {
    xm = new Xm(work.resolve("home"), work);
    assertEquals(0, xm.run("host", "init", "--clock", "manual").code());
    host = work.resolve("home/hosts/localhost");
    xm.file(
        "specs/web.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: web1}\n"
            + "spec: {kernel: /boot/vmlinuz, memory: 64, maxmem: 512}\n");
    assertEquals(0, xm.run("apply", "-f", "specs").code());
  }

  static final String FORGED =
      "x\n[2026-11-26 13:02:25] INFO (xm mem-set web1 300 --by-mallory) Setting memory target"
          + " of domain web1 (1) to 300 MiB.\n(event (rev 99999) (time 0) (domain web1) (uuid u) (field memory) (before 64)"
          + " (after 300) (origin 'xm mem-set web1 300 --by-mallory'))\u001b[2J\u001b]0;pwned\u0007";

  @Test
  void a_newline_in_an_argument_forges_no_log_line_and_no_drift_cause() throws Exception {
    Xm.Run made =
        xm.run("create", "/dev/null", "name=a", "kernel=/k", "memory=64", "extra=" + FORGED);
    assertEquals(0, made.code(), made.toString());
    assertEquals(0, xm.run("mem-set", "web1", "96").code());
    for (String line : Files.readAllLines(host.resolve("xend.log"))) {
      assertTrue(
          line.matches("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\] [A-Z]+ .*"),
          "a record per line: " + line);
      assertFalse(line.contains("\u001b"), line);
    }
    Xm.Run log = xm.run("log");
    assertFalse(log.out().contains("\u001b") || log.out().contains("\u0007"), log.out());
    assertTrue(
        log.out()
            .contains("extra=x\\n[2026-11-26 13:02:25] INFO (xm mem-set web1 300 --by-mallory)"),
        log.out());
    Xm.Run console = xm.run("console", "--no-follow", "a");
    assertFalse(console.out().contains("\u001b"), console.out());
    Xm.Run diff = xm.run("diff", "-f", "specs");
    assertEquals(2, diff.code(), diff.toString());
    assertTrue(diff.out().contains("changed by xm mem-set web1 96 ("), diff.out());
    assertFalse(diff.out().contains("mallory"), diff.out());
  }

  @Test
  void logs_written_before_the_fix_show_no_raw_escape_sequences() throws Exception {
    Files.writeString(
        host.resolve("xend.log"),
        "[2009-01-09 00:00:00] INFO \u001b[2J\u001b]0;pwned\u0007 cleared\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(
        host.resolve("dmesg"),
        "(XEN) \u001b[31mred\u001b[0m\n",
        java.nio.file.StandardOpenOption.APPEND);
    Xm.Run log = xm.run("log");
    assertTrue(log.out().contains("INFO \\x1b[2J\\x1b]0;pwned\\x07 cleared\n"), log.out());
    Xm.Run dmesg = xm.run("dmesg");
    assertTrue(dmesg.out().contains("(XEN) \\x1b[31mred\\x1b[0m\n"), dmesg.out());
  }

  @Test
  void an_error_quoting_what_was_typed_sends_no_escape_sequence() {
    Xm.Run r = xm.run("list", "web\u001b[2J\u001b]0;pwned\u0007");
    assertEquals(3, r.code(), r.toString());
    assertEquals("Error: Domain 'web\\x1b[2J\\x1b]0;pwned\\x07' does not exist.", r.error());
  }

  @Test
  void a_console_lives_as_long_as_its_domain() throws Exception {
    assertEquals(0, xm.run("create", "/dev/null", "name=b", "kernel=/k", "memory=64").code());
    String uuid = xm.run("domid", "b").code() == 0 ? uuidOf("b") : null;
    Path console = host.resolve("consoles/" + uuid + ".log");
    assertTrue(Files.exists(console));
    assertEquals(0, xm.run("destroy", "b").code());
    assertFalse(Files.exists(console), "a destroyed domain's console is removed");

    String web1 = uuidOf("web1");
    Path webConsole = host.resolve("consoles/" + web1 + ".log");
    assertTrue(Files.exists(webConsole));
    assertEquals(0, xm.run("save", "web1", work.resolve("web1.save").toString()).code());
    assertFalse(
        Files.exists(webConsole), "a saved domain has left the host, and its console with it");
    assertEquals(0, xm.run("restore", work.resolve("web1.save").toString()).code());
    assertTrue(
        Files.readString(host.resolve("consoles/" + uuidOf("web1") + ".log"))
            .contains("Restored from"));
  }

  private String uuidOf(String name) {
    Xm.Run r = xm.run("list", "-o", "json", name);
    int at = r.out().indexOf("\"uuid\": \"") + 9;
    return r.out().substring(at, r.out().indexOf('"', at));
  }

  @Test
  void two_gib_logs_are_read_in_bounded_memory_and_rotated_away() throws Exception {
    String web1 = uuidOf("web1");
    for (Path p :
        new Path[] {
          host.resolve("xend.log"),
          host.resolve("dmesg"),
          host.resolve("events.sxp"),
          host.resolve("consoles/" + web1 + ".log")
        }) {
      try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
        f.setLength(2L << 30);
        f.seek((2L << 30) - 1);
        f.write('\n');
      }
    }
    Bounded.run(
        Duration.ofSeconds(180),
        "2 GiB logs",
        () -> {
          Xm.Run log = xm.run("log");
          assertEquals(0, log.code(), log.err());
          assertTrue(log.out().length() < 1 << 20, "a line of 2 GiB is cut");
          Xm.Run console = xm.run("console", "--no-follow", "web1");
          assertEquals(0, console.code(), console.err());
          assertEquals(0, xm.run("dmesg").code());
          assertEquals(0, xm.run("mem-set", "web1", "128").code());
          Xm.Run diff = xm.run("diff", "-f", "specs");
          assertEquals(2, diff.code(), diff.toString());
          assertTrue(diff.out().contains("changed by xm mem-set web1 128 ("), diff.out());
          assertEquals(0, xm.run("apply", "-f", "specs").code());
          assertEquals(0, xm.run("sysrq", "web1", "s").code(), "a console line");
          return null;
        });
    assertTrue(Files.size(host.resolve("xend.log")) < 1 << 20, "the oversized log was rotated");
    assertTrue(Files.size(host.resolve("xend.log.1")) <= 1 << 20, "keeping only its last MiB");
    assertTrue(Files.size(host.resolve("consoles/" + web1 + ".log.1")) <= 128 << 10);
  }
}
