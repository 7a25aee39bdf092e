package xm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xm controller run} through bin/xm: SIGTERM in the middle of a pass lets the pass finish
 * (every change it started lands, none is left half-applied), the process stops cleanly, and {@code
 * xm controller status} then says it is not running and shows the pass.
 */
class ControllerE2E {
  static final Path ROOT = Path.of("").toAbsolutePath();

  @TempDir Path tmp;

  String spec(String name, String dependsOn) {
    return "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: "
        + name
        + "}\nspec:\n  kernel: /boot/vmlinuz\n"
        + "  memory: 64\n"
        + (dependsOn == null ? "" : "  dependsOn: [" + dependsOn + "]\n");
  }

  ProcessBuilder xm(String... args) {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/xm").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
    pb.environment().remove("XM_HOST");
    pb.environment().remove("XM_CONNECT");
    pb.environment().put("XM_HOME", tmp.resolve("home").toString());
    return pb;
  }

  String run(int code, String... args) throws Exception {
    Path out = Files.createTempFile(tmp, "o", "");
    Process p = xm(args).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(code, p.exitValue(), String.join(" ", args) + ":\n" + text);
    return text;
  }

  @Test
  void sigtermMidPassFinishesThePassAndStopsCleanly() throws Exception {
    run(0, "host", "init", "--op-latency", "1500");
    Path specs = Files.createDirectories(tmp.resolve("specs"));
    Files.writeString(specs.resolve("a.yaml"), spec("a", null));
    Files.writeString(specs.resolve("b.yaml"), spec("b", "a"));
    Files.writeString(specs.resolve("c.yaml"), spec("c", "b"));
    Path log = tmp.resolve("controller.log");
    Process p =
        xm("controller", "run", "-f", "specs", "--interval", "1h")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!Files.readString(log).contains("+ a: done")) {
      assertTrue(
          System.nanoTime() < end && p.isAlive(), "no first change:\n" + Files.readString(log));
      Thread.sleep(100);
    }
    p.destroy(); // SIGTERM, with b (and then c) still to come in this pass
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not stop:\n" + Files.readString(log));
    String text = Files.readString(log);
    assertTrue(text.contains("stopping (the passes in flight finish first)"), text);
    assertTrue(text.trim().endsWith("stopped"), text);
    int stoppingAt = text.indexOf("stopping");
    assertTrue(
        text.indexOf("+ c: done") > stoppingAt,
        "the pass in flight finished after SIGTERM:\n" + text);
    String list = run(0, "list");
    for (String d : List.of("a", "b", "c")) {
      assertTrue(
          list.lines().anyMatch(l -> l.startsWith(d + " ")), d + " is not running:\n" + list);
    }
    assertTrue(run(0, "diff", "-f", "specs").contains("No drift"), "nothing half-applied");
    String status = run(0, "controller", "status");
    assertTrue(status.contains("not running"), status);
    assertTrue(status.matches("(?s).*\nlocalhost +\\S+ \\S+ +dir:[0-9a-f]{12} +healed .*"), status);
  }

  @Test
  void aSecondControllerOnOneXmHomeIsRefusedWithoutCluster() throws Exception {
    run(0, "host", "init");
    Path specs = Files.createDirectories(tmp.resolve("specs"));
    Files.writeString(specs.resolve("a.yaml"), spec("a", null));
    Path log = tmp.resolve("first.log");
    Process first =
        xm("controller", "run", "-f", "specs", "--interval", "1h")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!Files.readString(log).contains("revision dir:")) {
        assertTrue(System.nanoTime() < end && first.isAlive(), Files.readString(log));
        Thread.sleep(100);
      }
      String second = run(1, "controller", "run", "-f", "specs");
      assertTrue(
          second.contains(
              "Error: another controller runs on this XM_HOME (pid "
                  + first.pid()
                  + "): stop it, or share the hosts with --cluster"),
          second);
    } finally {
      first.destroy();
      first.waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void badArgumentsAreOneLineUsageErrors() throws Exception {
    assertTrue(
        run(1, "controller")
            .startsWith("Error: 'xm controller' needs run or status\nUsage: xm controller run"));
    assertTrue(run(1, "controller", "run").contains("needs -f DIR or --git URL"));
    assertTrue(
        run(1, "controller", "run", "-f", "x", "--interval", "50ms").contains("at least 100ms"));
    assertTrue(
        run(1, "controller", "run", "-f", "x", "--cluster", "mysql://x")
            .contains("PostgreSQL JDBC URL"));
    assertTrue(
        run(1, "controller", "run", "-f", "x", "--listen", "nowhere")
            .contains("--listen takes ADDR:PORT"));
    assertTrue(run(1, "controller", "status").contains("no controller has run with this XM_HOME"));
  }
}
