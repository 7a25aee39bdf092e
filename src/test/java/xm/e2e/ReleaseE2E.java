package xm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the build makes for installing (issue #12, item 7): the release tarball runs from wherever
 * it is unpacked, and the Debian package, installed with dpkg -i, puts xm on PATH with its man page
 * and completion, runs xm apply -f on the example specs, and is removed cleanly. The package test
 * installs system-wide, so it runs only where asked to (XM_TEST_INSTALL=1, which .ci/run sets on
 * its disposable machine), as root with dpkg.
 */
class ReleaseE2E {
  static final Path ROOT = Path.of("").toAbsolutePath();
  static final Path TARGET = ROOT.resolve("target");

  @TempDir Path tmp;

  /**
   * Runs {@code script} in bash in a clean environment (PATH of a fresh login); returns exit code
   * and output.
   */
  record Run(int code, String out) {}

  Run sh(String script) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-c", script).directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    pb.environment().put("HOME", tmp.resolve("user").toString());
    pb.environment().put("XM_HOME", tmp.resolve("xm-home").toString());
    pb.environment().put("LANG", "C.UTF-8");
    Path out = tmp.resolve("out.txt");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + script);
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  static Path only(String glob) throws Exception {
    try (Stream<Path> s = Files.list(TARGET)) {
      var found =
          s.filter(
                  p ->
                      TARGET
                          .getFileSystem()
                          .getPathMatcher("glob:" + glob)
                          .matches(p.getFileName()))
              .toList();
      assertEquals(1, found.size(), "one " + glob + " in target/: " + found);
      return found.get(0);
    }
  }

  @Test
  void theTarballRunsFromWhereverItIsUnpacked() throws Exception {
    Path tarball = only("xm-*.tar.gz");
    Run r =
        sh(
            "set -e; mkdir opt; tar -xzf "
                + tarball
                + " -C opt; cd opt/xm-*; ls bin/xm lib/xm.jar share/man/man1/xm.1"
                + " share/bash-completion/completions/xm share/doc/xm/examples/specs >/dev/null;"
                + " bin/xm apply -f share/doc/xm/examples/specs >/dev/null; bin/xm list | head -1;"
                + " bin/xm diff -f share/doc/xm/examples/specs | tail -1; bash -n share/bash-completion/completions/xm");
    assertEquals(0, r.code(), r.out());
    assertTrue(
        r.out()
            .contains(
                "Name                                        ID   Mem VCPUs      State   Time(s)"),
        r.out());
    assertTrue(r.out().contains("No drift"), r.out());
  }

  @Test
  void theDebianPackageInstallsRunsAndRemovesCleanly() throws Exception {
    Assumptions.assumeTrue(
        "1".equals(System.getenv("XM_TEST_INSTALL")),
        "installs system-wide: set XM_TEST_INSTALL=1 on a disposable machine (.ci/run does)");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "not a Debian machine");
    Run whoami = sh("id -u");
    Assumptions.assumeTrue(whoami.out().trim().equals("0"), "dpkg -i needs root");
    Path deb = only("xm_*_all.deb");
    assertFalse(
        Files.exists(Path.of("/usr/bin/xm")),
        "an xm is installed already; this test would replace it");
    try {
      Run install = sh("dpkg -i " + deb + " 2>&1");
      assertEquals(0, install.code(), install.out());
      Run use =
          sh(
              "set -e; command -v xm; xm --version; cp -r /usr/share/doc/xm/examples ex;"
                  + " xm apply -f ex/specs | tail -1; xm diff -f ex/specs | tail -1;"
                  + " test -f /usr/share/man/man1/xm.1.gz; if command -v man >/dev/null; then man -w xm; fi;"
                  + " bash -c 'source /usr/share/bash-completion/completions/xm && complete -p xm'");
      assertEquals(0, use.code(), use.out());
      assertTrue(use.out().startsWith("/usr/bin/xm\n"), use.out());
      assertTrue(use.out().contains("Apply complete:"), use.out());
      assertTrue(use.out().contains("No drift"), use.out());
      assertTrue(
          use.out().contains("complete -F _complete_xm xm") || use.out().contains("_complete_xm"),
          use.out());
    } finally {
      Run remove = sh("dpkg -r xm 2>&1");
      assertEquals(0, remove.code(), remove.out());
    }
    assertFalse(Files.exists(Path.of("/usr/bin/xm")), "removed");
    assertFalse(Files.exists(Path.of("/usr/share/xm")), "removed");
    assertFalse(Files.exists(Path.of("/usr/share/man/man1/xm.1.gz")), "removed");
    assertEquals("", sh("dpkg -s xm >/dev/null 2>&1 && echo still-installed || true").out());
  }
}
