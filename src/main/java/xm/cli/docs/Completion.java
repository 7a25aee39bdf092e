package xm.cli.docs;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import xm.cli.CommandTable;
import xm.cli.Opt;

/**
 * The bash completion script (zsh runs it through bashcompinit), made by picocli's generator from
 * every subcommand's option table, at build time: picocli is not on the path of an xm command.
 */
public final class Completion {
  private Completion() {}

  /** The script. */
  public static String script() {
    CommandSpec root = CommandSpec.create().name("xm");
    root.addOption(
        OptionSpec.builder("--host", "-H")
            .paramLabel("<host>")
            .type(String.class)
            .arity("1")
            .description("the simulated host")
            .build());
    root.addOption(OptionSpec.builder("--debug").description("show stack traces").build());
    for (CommandTable.Entry e : CommandTable.entries()) {
      CommandSpec sub = CommandSpec.create().name(e.name());
      for (Opt o : CommandTable.newCommand(e.name()).declaredOptions()) {
        String[] names =
            o.shortName() == null
                ? new String[] {o.longName()}
                : o.longName() == null
                    ? new String[] {o.shortName()}
                    : new String[] {o.shortName(), o.longName()};
        OptionSpec.Builder b = OptionSpec.builder(names).description(o.description());
        if (o.takesArgument()) {
          b.paramLabel(o.argLabel()).type(String.class).arity("1");
        } else {
          b.arity("0");
        }
        sub.addOption(b.build());
      }
      sub.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).build());
      sub.addPositional(
          PositionalParamSpec.builder().arity("0..*").type(String.class).paramLabel("ARG").build());
      root.addSubcommand(e.name(), new CommandLine(sub));
    }
    return withNames(AutoComplete.bash("xm", new CommandLine(root)));
  }

  /**
   * picocli's script, taught the names only a running xm knows: a command whose usage names a
   * domain completes the domains of the host it will act on (its -H, else the default), and -H and
   * migrate's target complete host names. Names come from {@code xm list} and {@code xm host list}
   * at the moment of the TAB.
   */
  static String withNames(String script) {
    String helpers =
        """

        # Names only a running xm knows (added by xm to picocli's script)
        # (read from COMP_LINE: picocli's functions see only the subcommand's words)
        _xm_line() {
          local IFS=$' \t\n'
          local words=($COMP_LINE) i host=""
          for ((i=1; i<${#words[@]}; i++)); do
            case "${words[i]}" in -H|--host) host="--host ${words[i+1]}";; esac
          done
          echo "${words[0]} $host"
        }
        _xm_domains() { local IFS=$' \t\n'; $(_xm_line) list "$@" 2>/dev/null | awk 'NR>1 {print $1}'; }
        _xm_hosts() { local IFS=$' \t\n'; local words=($COMP_LINE); "${words[0]}" host list 2>/dev/null | awk 'NR>1 {print $1}'; }
        """;
    String out = script;
    for (CommandTable.Entry e : CommandTable.entries()) {
      boolean domain = e.synopsis().contains("<Domain");
      if (!domain) {
        continue;
      }
      String fn = "function _picocli_xm_" + e.name().replace("-", "") + "() {";
      int at = out.indexOf(fn);
      int pos = at < 0 ? -1 : out.indexOf("local positionals=\"\"", at);
      int end = at < 0 ? -1 : out.indexOf("\n}\n", at);
      if (pos < 0 || pos > end) {
        continue;
      }
      String names =
          switch (e.name()) {
            case "migrate" -> "$(_xm_domains)${IFS}$(_xm_hosts)";
            case "start", "delete" -> "$(_xm_domains --state=halted)"; // only what may start or go
            case "resume" -> "$(_xm_domains --state=suspended)";
            default -> "$(_xm_domains)";
          };
      out =
          out.substring(0, pos)
              + "local IFS=$'\\n'; local positionals=\""
              + names
              + "\""
              + out.substring(pos + "local positionals=\"\"".length());
    }
    out =
        out.replaceFirst(
            "(?s)(function _picocli_xm\\(\\) \\{.*?'--host'\\|'-H'\\)\\n)",
            "$1"
                + java.util.regex.Matcher.quoteReplacement(
                    "        COMPREPLY=( $(compgen -W \"$(_xm_hosts)\" -- \"${curr_word}\") )\n"));
    int complete = out.lastIndexOf("\n# Define a completion specification");
    return complete < 0
        ? out + helpers
        : out.substring(0, complete) + helpers + out.substring(complete);
  }
}
