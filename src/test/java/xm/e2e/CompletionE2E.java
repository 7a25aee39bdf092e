package xm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bash completion script bin/xm prints, run by bash as a TAB would run it: subcommands from
 * picocli's tables, and the names only a running xm knows: the domains of the host a command will
 * act on (its -H, else the default) and the host names.
 */
class CompletionE2E {
  static final Path ROOT = Path.of("").toAbsolutePath();
  static final String XM = ROOT.resolve("bin/xm").toString();

  @TempDir Path tmp;

  String sh(String script) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-c", script).directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().put("XM_HOME", tmp.resolve("home").toString());
    pb.environment().remove("XM_HOST");
    Path out = tmp.resolve("out");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void tabCompletesSubcommandsDomainsOfTheChosenHostAndHostNames() throws Exception {
    for (String cmd :
        List.of(
            "host init",
            "host init xen-b",
            "create /dev/null name=web1 kernel=/k",
            "-H xen-b create /dev/null name=cache1 kernel=/k",
            "new -q /dev/null name=def1 kernel=/k")) {
      sh(XM + " " + cmd);
    }
    Files.writeString(tmp.resolve("xm-completion.sh"), sh(XM + " completion bash"));
    String harness =
        "source ./xm-completion.sh 2>/dev/null\n"
            + "t() { COMP_LINE=\"$1\"; read -ra COMP_WORDS <<< \"$1\"; [[ \"$1\" == *' ' ]] && COMP_WORDS+=('');"
            + " COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=(); _complete_xm 2>/dev/null; echo \"[$1] ${COMPREPLY[*]}\"; }\n"
            + "t '"
            + XM
            + " mem-s'\n"
            + "t '"
            + XM
            + " destroy '\n"
            + "t '"
            + XM
            + " -H xen-b destroy '\n"
            + "t '"
            + XM
            + " --host '\n"
            + "t '"
            + XM
            + " migrate web1 '\n"
            + "t '"
            + XM
            + " start '\n";
    String out = sh(harness);
    assertTrue(out.contains("[" + XM + " mem-s] mem-set\n"), out);
    assertTrue(out.contains("[" + XM + " destroy ] Domain-0 def1 web1\n"), out);
    assertTrue(out.contains("[" + XM + " start ] def1\n"), "only what may start: " + out);
    assertTrue(out.contains("[" + XM + " -H xen-b destroy ] Domain-0 cache1\n"), out);
    assertTrue(out.contains("[" + XM + " --host ] localhost xen-b\n"), out);
    assertTrue(
        out.contains("[" + XM + " migrate web1 ] Domain-0 def1 web1 localhost xen-b\n"), out);
    assertEquals(6, out.lines().filter(l -> l.startsWith("[")).count(), out);
  }
}
