package xm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jackson is only for saved plans: the packaged jar's {@code xm list} and a plain {@code xm diff}
 * load no {@code com.fasterxml} class (start-up time), while {@code xm diff --save-plan} and {@code
 * xm apply --plan} do (so the check can see them). Classes are listed with the JVM's {@code
 * -Xlog:class+load}, without class-data sharing (an archive changes where classes come from, not
 * which are loaded).
 */
class StartupClassesE2E {
  static final Path ROOT = Path.of("").toAbsolutePath();

  @TempDir Path tmp;

  /** The classes {@code xm ARGS} loads, one name a line. */
  List<String> loaded(String... args) throws IOException, InterruptedException {
    Path log = tmp.resolve("classes.log");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off",
                "-Xlog:class+load=info:file=" + log,
                "-cp",
                ROOT.resolve("target/xm.jar").toString(),
                "xm.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
    pb.environment().put("XM_HOME", tmp.resolve("home").toString());
    pb.environment().remove("XM_HOST");
    pb.redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
    assertTrue(
        p.exitValue() == 0 || p.exitValue() == 2,
        cmd + ": " + Files.readString(tmp.resolve("err")));
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      String[] words = line.split(" ");
      for (int i = 0; i + 1 < words.length; i++) {
        if (words[i].endsWith("]") && words[i].contains("class,load")) {
          names.add(words[i + 1]);
        }
      }
    }
    return names;
  }

  static long jackson(List<String> classes) {
    return classes.stream().filter(c -> c.startsWith("com.fasterxml.")).count();
  }

  @Test
  void only_saved_plans_load_jackson() throws Exception {
    List<String> list = loaded("list");
    assertTrue(list.contains("xm.cli.Main"), "the log names classes: " + list.size());
    assertEquals(0, jackson(list), "xm list");
    assertEquals(0, jackson(loaded("diff", "-f", "specs/")), "xm diff");
    List<String> diff = loaded("apply", "-f", "specs/", "--dry-run");
    assertEquals(0, jackson(diff), "xm apply --dry-run");
    assertEquals(
        0,
        list.stream()
            .filter(c -> c.startsWith("org.libvirt.") || c.startsWith("com.sun.jna."))
            .count(),
        "commands on simulated hosts load neither libvirt's binding nor JNA");
    assertFalse(diff.contains("xm.reconcile.PlanFile"));

    Path plan = tmp.resolve("plan.json");
    assertTrue(
        jackson(loaded("diff", "-f", "specs/", "--save-plan", plan.toString())) > 0,
        "xm diff --save-plan");
    assertTrue(jackson(loaded("apply", "--plan", plan.toString())) > 0, "xm apply --plan");
  }
}
