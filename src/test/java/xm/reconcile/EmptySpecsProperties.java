package xm.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import xm.testing.Bounded;
import xm.testing.Xm;

/**
 * Issue #8 item 1 as a class of inputs: any spec source made only of what declares nothing (blank
 * lines, comments, document markers, in any number of files, directories or stdin) is refused by
 * {@code apply --prune} with the one error, and the host keeps every domain.
 */
class EmptySpecsProperties {
  private static Path work;
  private static Xm xm;
  private static String before;
  private static int n;

  @BeforeContainer
  static void twoManagedDomains() throws IOException {
    work = Files.createTempDirectory("xm-empty-specs");
    xm = new Xm(work.resolve("home"), work);
    xm.run("host", "init", "--clock", "manual");
    xm.file("web.yaml", EmptySpecsPruneTest.TWO);
    assertEquals(0, xm.run("apply", "-f", "web.yaml").code());
    before = xm.run("list").out();
  }

  @AfterContainer
  static void cleanup() throws IOException {
    try (var s = Files.walk(work)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** One source: how it is given (file, directory, stdin) and the texts of its files. */
  record Source(String form, List<String> texts) {}

  @Property(tries = 60)
  void a_source_that_declares_nothing_never_prunes(@ForAll("emptySources") Source s) {
    Xm.Run r = Bounded.run(s.toString(), () -> apply(s));
    assertEquals(1, r.code(), s + " -> " + r);
    assertEquals(EmptySpecsPruneTest.REFUSAL, r.error(), s + " -> " + r);
    assertEquals(before, xm.run("list").out(), s.toString());
  }

  private static Xm.Run apply(Source s) {
    String base = "src" + (n++);
    List<String> argv = new ArrayList<>(List.of("apply", "--prune"));
    switch (s.form()) {
      case "stdin" -> {
        return xm.runWithInput(String.join("", s.texts()), "apply", "--prune", "-f", "-");
      }
      case "directory" -> {
        for (int i = 0; i < s.texts().size(); i++) {
          xm.file(
              base + "/d" + (i % 2) + "/f" + i + (i % 3 == 0 ? ".yml" : ".yaml"), s.texts().get(i));
        }
        argv.addAll(List.of("-f", base));
      }
      default -> {
        for (int i = 0; i < s.texts().size(); i++) {
          argv.addAll(
              List.of("-f", xm.file(base + "-" + i + ".yaml", s.texts().get(i)).toString()));
        }
      }
    }
    return xm.run(argv);
  }

  @Provide
  Arbitrary<Source> emptySources() {
    Arbitrary<String> line =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().withChars(' ').ofMaxLength(6),
            Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars(" :-{}[]#'\"")
                .ofMaxLength(30)
                .map(c -> "# " + c),
            Arbitraries.just("---"),
            Arbitraries.just("--- # next"),
            Arbitraries.just("---\n..."));
    Arbitrary<String> text =
        line.list()
            .ofMaxSize(12)
            .map(lines -> lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    Arbitrary<String> form = Arbitraries.of("files", "directory", "stdin");
    return Combinators.combine(form, text.list().ofMinSize(1).ofMaxSize(4)).as(Source::new);
  }
}
