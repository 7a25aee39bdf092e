package xm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTableTest {
  /** The domain and host subcommands of the man page (seed/xm.1.txt) that this slice covers. */
  static final List<String> MAN_PAGE_DOMAIN_AND_HOST =
      List.of(
          "console",
          "create",
          "destroy",
          "domid",
          "domname",
          "help",
          "list",
          "mem-max",
          "mem-set",
          "migrate",
          "pause",
          "reboot",
          "restore",
          "save",
          "shutdown",
          "sysrq",
          "unpause",
          "vcpu-set",
          "vcpu-list",
          "vcpu-pin",
          "dmesg",
          "info",
          "log",
          "top",
          "uptime");

  @TempDir Path tmp;

  @Test
  void every_domain_and_host_subcommand_of_the_man_page_exists() {
    for (String name : MAN_PAGE_DOMAIN_AND_HOST) {
      assertNotNull(CommandTable.entry(name), name);
    }
  }

  @Test
  void every_subcommand_is_in_a_section_and_can_be_built() {
    Set<String> names = new TreeSet<>();
    for (CommandTable.Entry e : CommandTable.entries()) {
      assertNotNull(e.section(), e.name());
      assertTrue(names.add(e.name()), "listed twice: " + e.name());
      assertNotNull(CommandTable.newCommand(e.name()), e.name());
      assertFalse(e.description().isBlank(), e.name());
    }
  }

  @Test
  void every_subcommand_has_help_that_exits_0() {
    for (CommandTable.Entry e : CommandTable.entries()) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      Env env =
          new Env(
              new PrintWriter(out),
              new PrintWriter(err),
              Map.of("XM_HOME", tmp.toString()),
              tmp,
              java.io.InputStream.nullInputStream(),
              false);
      assertEquals(0, Main.run(new String[] {e.name(), "--help"}, env), e.name());
      assertTrue(out.toString().startsWith("Usage: xm " + e.name()), out.toString());
      assertTrue(out.toString().contains("-h, --help"), e.name());
      assertEquals("", err.toString());
    }
  }

  @Test
  void unique_prefixes_and_aliases_resolve_and_ambiguous_prefixes_do_not() {
    assertEquals("list", CommandTable.resolve("li").name());
    assertEquals("mem-set", CommandTable.resolve("balloon").name());
    assertEquals("balloon", CommandTable.resolve("balloon").alias());
    assertEquals(null, CommandTable.resolve("m"));
    assertEquals(null, CommandTable.resolve("vcpu-"));
  }

  @Test
  void the_completion_script_names_every_subcommand() {
    StringWriter out = new StringWriter();
    Env env =
        new Env(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            Map.of("XM_HOME", tmp.toString()),
            tmp,
            java.io.InputStream.nullInputStream(),
            false);
    assertEquals(0, Main.run(new String[] {"completion", "bash"}, env));
    String script = out.toString();
    assertTrue(script.contains("complete -F"), "a bash completion script");
    for (CommandTable.Entry e : CommandTable.entries()) {
      assertTrue(script.contains(e.name()), e.name());
    }
  }

  @Test
  void the_zsh_completion_is_the_script_zsh_runs_through_bashcompinit() {
    StringWriter out = new StringWriter();
    Env env =
        new Env(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            Map.of("XM_HOME", tmp.toString()),
            tmp,
            java.io.InputStream.nullInputStream(),
            false);
    assertEquals(0, Main.run(new String[] {"completion", "zsh"}, env));
    String script = out.toString();
    assertTrue(
        script.startsWith(
            "# xm completion for zsh: add 'source <(xm completion zsh)' to ~/.zshrc\n"),
        script);
    assertTrue(
        script.contains("bashcompinit") && script.contains("$ZSH_VERSION"),
        "it loads zsh's bash completion");
    assertTrue(script.contains("sched-credit") && script.contains("controller"));
  }
}
