package xm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import xm.testing.Bounded;
import xm.testing.HostileText;
import xm.testing.Xm;

/**
 * Whatever text a user puts in an argument (a config value, a file name: both end up in the command
 * line the log records), xend.log stays one record per line, xm log and xm console send no control
 * sequence to the terminal, and every line of the event history is one event.
 */
class ForgedLogLinesProperties {
  private static Path work;
  private static Xm xm;
  private static final AtomicInteger N = new AtomicInteger();

  @BeforeContainer
  static void host() throws IOException {
    work = Files.createTempDirectory("xm-forged");
    xm = new Xm(work.resolve("home"), work);
    xm.run("host", "init", "--clock", "manual");
  }

  @AfterContainer
  static void cleanup() throws IOException {
    try (var s = Files.walk(work)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Provide
  Arbitrary<String> hostile() {
    return HostileText.strings();
  }

  @Property(tries = 60)
  void no_argument_forges_a_record_or_reaches_the_terminal(@ForAll("hostile") String text) {
    Bounded.run(
        text,
        () -> {
          try {
            check(text);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return null;
        });
  }

  private static void check(String text) throws IOException {
    String name = "f" + N.incrementAndGet();
    String fileName = (name + "-" + text).replace('/', '_').replace('\0', '_');
    Path cfg = work.resolve(fileName.length() > 120 ? fileName.substring(0, 120) : fileName);
    Files.writeString(cfg, "kernel = '/boot/k'\nmemory = 16\n");
    Xm.Run made = xm.run("create", cfg.toString(), "name=" + name, "extra=" + text);
    Xm.Run console = made.code() == 0 ? xm.run("console", "--no-follow", name) : null;
    xm.run("destroy", name);
    Path host = work.resolve("home/hosts/localhost");
    for (String line : Files.readAllLines(host.resolve("xend.log"))) {
      assertTrue(
          line.matches("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\] [A-Z]+ \\P{Cntrl}*"),
          "one record per line: " + line);
    }
    assertNoControl(xm.run("log").out());
    if (console != null) {
      assertNoControl(console.out());
    }
    // no event file until the first change: a refused first create (a NUL in its text) leaves none
    List<String> events =
        Files.exists(host.resolve("events.sxp"))
            ? Files.readAllLines(host.resolve("events.sxp"))
            : List.of();
    for (String line : events) {
      assertTrue(line.startsWith("(event (rev "), "one event per line: " + line);
    }
    if (made.code() == 0) {
      String made1 =
          events.stream()
              .filter(l -> l.contains("(domain " + name + ")") && l.contains("(field domain)"))
              .findFirst()
              .orElseThrow();
      assertTrue(made1.contains("(origin "), made1);
      assertEquals(
          1,
          events.stream()
              .filter(
                  l ->
                      l.contains("(domain " + name + ")")
                          && l.contains("(field domain) (before '(none)')"))
              .count(),
          "the create is one event");
    }
  }

  private static void assertNoControl(String out) {
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      assertTrue(
          c == '\n'
              || c == '\t'
              || !(c < 0x20
                  || (c >= 0x7f && c <= 0x9f)
                  || c == '\u2028'
                  || c == '\u2029'
                  || (c >= '\u202a' && c <= '\u202e')
                  || (c >= '\u2066' && c <= '\u2069')),
          () -> "raw control in " + out);
    }
  }
}
