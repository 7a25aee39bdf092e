package xm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Xm;

/** xm shell: words split as a shell splits them; the shell's own options reach its commands. */
class ShellTest {
  @TempDir Path dir;

  @Test
  void wordsAreSplitAsAShellSplitsThem() {
    assertEquals(
        List.of("create", "a b", "c'd", "e\"f", "g"),
        xm.cli.tool.ShellCommand.split("create 'a b' \"c'd\" e\\\"f g # a comment"));
    assertEquals(List.of(), xm.cli.tool.ShellCommand.split("   # only a comment"));
  }

  @Test
  void debugAndTheHostGivenToTheShellReachEachCommand() {
    Xm xm = new Xm(dir.resolve("home"), dir);
    assertEquals(0, xm.run("host", "init", "--clock", "manual", "xen-b").code());
    Xm.Run plain = xm.runWithInput("mem-set nosuch 64\n", "-H", "xen-b", "shell");
    assertEquals(0, plain.code());
    assertEquals("Error: Domain 'nosuch' does not exist.", plain.err().trim());
    Xm.Run debug = xm.runWithInput("mem-set nosuch 64\nlist\n", "--debug", "-H", "xen-b", "shell");
    assertTrue(
        debug.err().contains("xm.diag.XmException: Domain"),
        "the exception, as --debug shows it: " + debug.err());
    assertTrue(debug.out().contains("Domain-0"), "xen-b's list: " + debug.out());
    assertFalse(debug.out().contains("localhost"), debug.out());
  }
}
