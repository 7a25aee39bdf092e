package xm.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.cli.Env;
import xm.cli.Main;

/**
 * Two applies at once, as two processes: the second waits for the first (up to --lock-timeout or
 * XM_LOCK_TIMEOUT, 60 s by default) and then finds nothing to do, or gives up naming the first;
 * never a half-failed run. Killing the holder with SIGKILL frees the lock.
 */
class ApplyLockIT {
  @TempDir Path work;

  Map<String, String> vars = new HashMap<>();

  @BeforeEach
  void fleet() throws IOException {
    vars.put("XM_HOME", work.resolve("home").toString());
    Files.createDirectories(work.resolve("specs"));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      b.append("apiVersion: xm/v1\nkind: Domain\nmetadata: {name: d")
          .append(i)
          .append("}\nspec: {kernel: /boot/vmlinuz, memory: 64}\n---\n");
    }
    Files.writeString(work.resolve("specs/fleet.yaml"), b);
    assertEquals(0, xm("host", "init", "--op-latency", "700").code());
  }

  record Run(int code, String out, String err) {}

  Run xm(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code =
        Main.run(
            args,
            new Env(
                new PrintWriter(o),
                new PrintWriter(e),
                vars,
                work,
                java.io.InputStream.nullInputStream(),
                false));
    return new Run(code, o.toString(), e.toString());
  }

  /** An apply in another JVM, returned once it has printed its plan (so it holds the lock). */
  Process holder() throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "apply",
                "-f",
                "specs",
                "--parallelism",
                "1"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
    pb.environment().putAll(vars);
    Process p = pb.start();
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null && !line.startsWith("Plan:")) {
      // the plan is printed after the locks are taken and before the first change
    }
    assertTrue(line != null, "the holder printed its plan");
    Thread drain =
        new Thread(
            () -> {
              try {
                while (r.readLine() != null) {
                  // keep the pipe flowing
                }
              } catch (IOException ignored) {
                // the process went away
              }
            });
    drain.setDaemon(true);
    drain.start();
    return p;
  }

  @Test
  void a_second_apply_is_refused_at_once_naming_the_holder() throws Exception {
    Process first = holder();
    vars.put("XM_LOCK_TIMEOUT", "0");
    Run second = xm("apply", "-f", "specs");
    assertEquals(1, second.code(), second.err());
    assertTrue(
        second
            .err()
            .contains(
                "host 'localhost' is locked by xm apply -f specs --parallelism 1 (pid "
                    + first.pid()
                    + ", since "),
        second.err());
    assertFalse(second.out().contains("already exists"), second.out());
    assertTrue(first.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, first.exitValue(), "the holder finished undisturbed");
    assertEquals(0, xm("diff", "-f", "specs").code(), "converged");
  }

  @Test
  void with_a_lock_timeout_the_second_apply_waits_then_has_nothing_to_do() throws Exception {
    Process first = holder();
    Run second = xm("apply", "-f", "specs", "--lock-timeout", "60");
    assertTrue(
        second.err().contains("xm: waiting for host 'localhost': another apply holds it"),
        second.err());
    assertEquals(0, second.code(), second.err());
    assertTrue(second.out().contains("No changes. The hosts match the specs."), second.out());
    assertTrue(first.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, first.exitValue());
  }

  @Test
  void past_the_lock_timeout_the_second_apply_gives_up_naming_the_holder_and_the_knobs()
      throws Exception {
    Process first = holder();
    vars.put("XM_LOCK_TIMEOUT", "1s");
    Run second = xm("apply", "-f", "specs");
    assertEquals(1, second.code(), second.err());
    assertTrue(
        second
            .err()
            .contains(
                "host 'localhost' is locked by xm apply -f specs --parallelism 1 (pid "
                    + first.pid()
                    + ", since "),
        second.err());
    assertTrue(
        second
            .err()
            .contains(
                "; gave up after 1s: let it finish, or wait longer with --lock-timeout SECS or"
                    + " XM_LOCK_TIMEOUT"),
        second.err());
    assertTrue(first.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, first.exitValue());
  }

  @Test
  void by_default_a_second_apply_waits_for_the_first() throws Exception {
    Process first = holder();
    Run second = xm("apply", "-f", "specs");
    assertEquals(0, second.code(), second.err());
    assertTrue(second.out().contains("No changes. The hosts match the specs."), second.out());
    assertTrue(first.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, first.exitValue());
  }

  @Test
  void killing_the_holder_frees_the_lock_and_the_next_apply_converges() throws Exception {
    Process first = holder();
    first.destroyForcibly();
    assertTrue(first.waitFor(30, TimeUnit.SECONDS));
    Run next = xm("apply", "-f", "specs");
    assertEquals(0, next.code(), next.out() + next.err());
    assertEquals(0, xm("diff", "-f", "specs").code());
  }

  @Test
  void imperative_commands_do_not_wait_for_an_apply() throws Exception {
    Process first = holder();
    Run list = xm("list");
    assertEquals(0, list.code(), list.err());
    assertTrue(list.out().startsWith("Name"), list.out());
    assertTrue(
        first.isAlive(), "xm list answered while the apply (four 700 ms operations) still ran");
    assertTrue(first.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, first.exitValue());
  }
}
