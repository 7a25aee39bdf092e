package xm.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * No command line, however wrong, gets a stack trace or an internal error; every exit code is in
 * the table.
 */
class CliFuzzProperties {
  private static Path home;

  @BeforeContainer
  static void host() throws IOException {
    home = Files.createTempDirectory("xm-fuzz");
    run(List.of("host", "init", "--clock", "manual"));
    run(
        List.of(
            "create",
            "/dev/null",
            "kernel=/k",
            "name=web1",
            "memory=64",
            "maxmem=128",
            "maxvcpus=2"));
  }

  @AfterContainer
  static void cleanup() throws IOException {
    try (var s = Files.walk(home)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Property(tries = 400)
  void no_input_ever_produces_a_stack_trace(@ForAll("commandLines") List<String> argv) {
    String[] result = run(argv);
    String err = result[1];
    assertFalse(err.contains("internal error"), argv + " -> " + err);
    assertFalse(err.contains("\tat "), argv + " -> " + err);
    int code = Integer.parseInt(result[2]);
    assertTrue(List.of(0, 1, 2, 3, 255).contains(code), argv + " -> exit " + code);
  }

  @net.jqwik.api.Example
  void a_path_with_a_nul_byte_is_a_clear_error() {
    for (String cmd : List.of("convert", "create", "restore", "apply")) {
      String[] r =
          cmd.equals("apply") ? run(List.of(cmd, "-f", "a\0b")) : run(List.of(cmd, "a\0b"));
      assertTrue(r[1].startsWith("Error: "), cmd + ": " + r[1]);
      assertFalse(r[1].contains("internal error"), cmd + ": " + r[1]);
      assertTrue(Integer.parseInt(r[2]) == 1, cmd + " exit " + r[2]);
    }
  }

  private static String[] run(List<String> argv) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Env env =
        new Env(
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("XM_HOME", home.toString()),
            home,
            java.io.InputStream.nullInputStream(),
            false);
    int code = Main.run(argv.toArray(new String[0]), env);
    return new String[] {out.toString(), err.toString(), Integer.toString(code)};
  }

  @Provide
  Arbitrary<List<String>> commandLines() {
    List<String> names = new ArrayList<>();
    for (CommandTable.Entry e : CommandTable.entries()) {
      if (!e.name().equals("top") && !e.name().equals("host")) {
        names.add(e.name());
      }
    }
    Arbitrary<String> word =
        Arbitraries.oneOf(
            Arbitraries.of(
                "web1",
                "0",
                "Domain-0",
                "1",
                "-1",
                "99999999999",
                "nosuch",
                "-l",
                "--long",
                "-w",
                "-a",
                "-c",
                "--label",
                "-o",
                "json",
                "-p",
                "-r",
                "x",
                "",
                "all",
                "1-3,^2",
                "memory=0",
                "name=a b",
                "256m",
                "1g",
                "--",
                "-h",
                "/dev/null",
                "kernel=/k",
                "--state",
                "paused",
                "sda1",
                "vcpus=40",
                "/nonexistent/file"),
            Arbitraries.strings().ofMaxLength(8));
    return Arbitraries.of(names)
        .flatMap(
            cmd ->
                word.list()
                    .ofMaxSize(5)
                    .map(
                        rest -> {
                          List<String> argv = new ArrayList<>();
                          argv.add(cmd);
                          argv.addAll(rest);
                          return argv;
                        }));
  }
}
