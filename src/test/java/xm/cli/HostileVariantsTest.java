package xm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Bounded;
import xm.testing.Xm;

/**
 * Variants of issue #8's attacks that the first fixes missed: each is refused and leaves the host
 * readable.
 */
class HostileVariantsTest {
  @Test
  void a_uuid_in_the_other_case_is_the_same_uuid(@TempDir Path dir) {
    Xm xm = new Xm(dir);
    String upper = "6F1B3C0E-2A4D-4C8E-9B1F-0D2E3F4A5B6C";
    assertEquals(
        0,
        xm.run("create", "/dev/null", "name=a", "kernel=/k", "memory=64", "uuid=" + upper).code());
    Xm.Run r =
        Bounded.run(
            upper,
            () ->
                xm.run(
                    "create",
                    "/dev/null",
                    "name=b",
                    "kernel=/k",
                    "memory=64",
                    "uuid=" + upper.toLowerCase(java.util.Locale.ROOT)));
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.error().startsWith("Error: Domain with uuid "), r.toString());
    Xm.Run list = xm.run("list");
    assertEquals(0, list.code(), "the host still reads back: " + list);
    assertEquals(3, list.out().lines().count(), list.toString());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"SUB", "HOST", "NAME", "CONFIG"})
  void a_typed_newline_or_escape_stays_inside_one_error_line(String where, @TempDir Path dir) {
    Xm xm = new Xm(dir);
    String hostile = "x\nError: forged\u001b]0;title\u0007";
    Xm.Run r =
        Bounded.run(
            where,
            () ->
                switch (where) {
                  case "SUB" -> xm.run(hostile);
                  case "HOST" -> xm.run("-H", hostile, "list");
                  case "NAME" -> xm.run("create", "/dev/null", "name=" + hostile, "kernel=/k");
                  default -> xm.run("create", hostile);
                });
    assertEquals(1, r.code(), r.toString());
    assertEquals(1, r.err().lines().count(), r.toString());
    assertTrue(r.err().indexOf('\u001b') < 0 && r.err().indexOf('\u0007') < 0, r.toString());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "mem-set a \u0665\u0660",
        "mem-max a \uff11\uff10\uff10\uff10",
        "vcpu-set a \u0661",
        "vcpu-pin a 0 \u0660",
        "create /dev/null name=b kernel=/k memory=\u0666\u0664",
        "create /dev/null name=b kernel=/k cpus=\u0660-\u0661"
      })
  void digits_of_other_scripts_are_not_numbers(String command, @TempDir Path dir) {
    Xm xm = new Xm(dir);
    assertEquals(0, xm.run("create", "/dev/null", "name=a", "kernel=/k", "memory=64").code());
    String before = xm.run("list", "-l").out();
    Xm.Run r = Bounded.run(command, () -> xm.run(command.split(" ")));
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.error().startsWith("Error: "), r.toString());
    assertEquals(
        before.replaceAll("\\(cpu_time [^)]*\\)", ""),
        xm.run("list", "-l").out().replaceAll("\\(cpu_time [^)]*\\)", ""),
        "nothing changed");
  }
}
