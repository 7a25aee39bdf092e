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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's story through the real launcher, bin/xm, on the embedded host: apply the example
 * fleet, drift by hand, diff exits 2 naming the field, apply heals, prune removes only managed
 * domains missing from the specs, bad specs exit 1 with file:line and leave the host untouched, and
 * the CI drift check reports with its exit codes.
 */
class BinXmE2E {
  static final Path ROOT = Path.of("").toAbsolutePath();

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  Run xm(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ROOT.resolve("bin/xm").toString());
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  Run run(List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
    pb.environment().put("XM_HOME", tmp.resolve("home").toString());
    pb.environment().remove("XM_HOST");
    Path out = tmp.resolve("out");
    Path err = tmp.resolve("err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "timed out: " + cmd);
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The list without its Time(s) column, which moves with the wall clock. */
  static String withoutTimes(String list) {
    return list.replaceAll("(?m)\\s+\\S+$", "");
  }

  @Test
  void apply_drift_diff_heal_prune_and_bad_specs() throws Exception {
    Run apply = xm("apply", "-f", "specs/");
    assertEquals(0, apply.code(), apply.out() + apply.err());
    assertTrue(
        apply.out().contains("Apply complete: 10 succeeded, 0 failed, 0 skipped."), apply.out());
    assertEquals(0, xm("apply", "-f", "specs/").code());
    Run clean = xm("diff", "-f", "specs/");
    assertEquals(0, clean.code(), clean.out());

    assertEquals(0, xm("mem-set", "web1", "384").code());
    Run drift = xm("diff", "-f", "specs/");
    assertEquals(2, drift.code(), drift.out());
    assertTrue(drift.out().contains("memory: 384 MiB -> 256 MiB"), drift.out());
    assertTrue(
        drift.out().contains("declared at specs/web.yaml:11; changed by xm mem-set web1 384"),
        drift.out());
    Run ci =
        run(
            List.of(
                ROOT.resolve("ci/drift-check.sh").toString(),
                "specs/",
                tmp.resolve("report").toString()));
    assertEquals(2, ci.code(), ci.out() + ci.err());
    assertTrue(Files.readString(tmp.resolve("report/drift.xml")).contains("failures=\"1\""));
    assertTrue(Files.readString(tmp.resolve("report/drift.md")).contains("| web1 | memory |"));

    Run heal = xm("apply", "-f", "specs/");
    assertEquals(0, heal.code(), heal.out() + heal.err());
    assertEquals(0, xm("diff", "-f", "specs/").code());

    assertEquals(0, xm("create", "/dev/null", "kernel=/boot/vmlinuz", "name=handmade").code());
    Path fewer = tmp.resolve("fewer");
    Files.createDirectories(fewer);
    try (Stream<Path> s = Files.list(ROOT.resolve("specs"))) {
      for (Path p : s.toList()) {
        Files.copy(p, fewer.resolve(p.getFileName()));
      }
    }
    String web = Files.readString(fewer.resolve("web.yaml"));
    Files.writeString(fewer.resolve("web.yaml"), web.substring(0, web.indexOf("\n---\n") + 1));
    Run prune = xm("apply", "-f", fewer.toString(), "--prune", "--timeout", "30");
    assertEquals(0, prune.code(), prune.out() + prune.err());
    String list = xm("list").out();
    assertFalse(list.contains("web2"), list);
    assertTrue(list.contains("handmade"), "unmanaged domains are never pruned: " + list);
    assertTrue(list.contains("web1"), list);

    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(
        bad,
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: web9}\nspec:\n  kernel: /boot/k\n  memroy: 64\n");
    String before = withoutTimes(xm("list").out());
    Run refused = xm("apply", "-f", bad.toString());
    assertEquals(1, refused.code());
    assertTrue(
        refused
            .err()
            .contains("bad.yaml:6:3: unknown field 'memroy' in spec (did you mean 'memory'?)"),
        refused.err());
    assertFalse(refused.err().contains("\tat "), "no stack trace");
    assertEquals(before, withoutTimes(xm("list").out()), "a refused spec changes nothing");
  }
}
