package xm.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.cli.CommandTable;
import xm.cli.Opt;

/**
 * The man page and the completion script come from the command table: nothing in it is left out of
 * them.
 */
class ManPageTest {
  @TempDir Path dir;

  @Test
  void every_subcommand_and_option_is_in_the_man_page() {
    String page = ManPage.render("1.2.3", "2026-11-27");
    assertTrue(page.startsWith(".\\\" xm(1)"), page.substring(0, 40));
    assertTrue(page.contains(".TH XM 1 \"2026-11-27\" \"xm 1.2.3\""));
    for (CommandTable.Entry e : CommandTable.entries()) {
      assertTrue(
          page.contains(".B " + ManPage.esc(e.name()) + "\n")
              || page.contains(".B " + ManPage.esc(e.name()) + " \\fR"),
          e.name() + " is in the page");
      for (Opt o : CommandTable.newCommand(e.name()).declaredOptions()) {
        assertTrue(
            page.contains(ManPage.esc(o.display())),
            e.name() + " " + o.display() + " is in the page");
      }
    }
    for (String line : page.split("\n")) {
      assertTrue(
          !line.startsWith(".") || line.matches("\\.(\\\\\"|TH|SH|TP|B|BR|I|RS|RE|PP|nf|fi)( .*)?"),
          "only man macros start a line: " + line);
    }
  }

  @Test
  void troff_reads_it_without_a_warning() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/groff")), "groff is not installed");
    Path page = dir.resolve("xm.1");
    Files.writeString(page, ManPage.render("1.2.3", "2026-11-27"));
    Process p =
        new ProcessBuilder(List.of("/usr/bin/groff", "-man", "-ww", "-z", page.toString()))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals("", out, "groff's warnings");
    assertEquals(0, p.exitValue());
  }

  @Test
  void escaping_keeps_troff_from_reading_text_as_requests() {
    assertEquals("\\&.hidden", ManPage.esc(".hidden"));
    assertEquals("\\&'quoted", ManPage.esc("'quoted"));
    assertEquals("a\\ee \\-\\-x", ManPage.esc("a\\e --x"));
  }

  @Test
  void the_completion_script_knows_every_subcommand() {
    String script = Completion.script();
    for (CommandTable.Entry e : CommandTable.entries()) {
      assertTrue(
          script.contains("function _picocli_xm_" + e.name().replace("-", "") + "()"), e.name());
    }
    assertTrue(script.contains("_xm_domains()"), "with xm's own name completion");
  }
}
