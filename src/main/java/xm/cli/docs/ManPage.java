package xm.cli.docs;

import java.util.ArrayList;
import java.util.List;
import xm.cli.CommandTable;
import xm.cli.Opt;
import xm.cli.Section;

/**
 * The man page xm(1), in troff's man macros, written from the command table: every subcommand with
 * its synopsis, description and options, grouped as {@code xm help --long} groups them, followed by
 * the environment, the exit codes and the files. Pure: the same table gives the same page.
 */
public final class ManPage {
  private ManPage() {}

  /** The page; {@code version} and {@code date} (YYYY-MM-DD) go in its header. */
  public static String render(String version, String date) {
    StringBuilder b = new StringBuilder();
    b.append(".\\\" xm(1): generated from xm's command table at build time; do not edit\n");
    b.append(".TH XM 1 \"")
        .append(date)
        .append("\" \"xm ")
        .append(esc(version))
        .append("\" \"User Commands\"\n");
    b.append(".SH NAME\nxm \\- Xen management tool, as a declarative reconciler\n");
    b.append(
            ".SH SYNOPSIS\n.B xm\n[\\fB\\-\\-host\\fR \\fIHOST\\fR|\\fB\\-c\\fR \\fIURI\\fR] [\\fB\\-\\-debug\\fR] ")
        .append("\\fIsubcommand\\fR [\\fIargs\\fR]\n");
    b.append(".SH DESCRIPTION\n");
    b.append(
            "The \\fBxm\\fR program manages Xen guest domains: every subcommand of Xen's xm (3.4) on an\n")
        .append(
            "embedded simulated Xen host (its state under \\fB$XM_HOME\\fR) or, through libvirt, on real\n")
        .append(
            "hosts; and the declarative commands \\fBapply\\fR and \\fBdiff\\fR, which compare domains,\n")
        .append(
            "devices, security labels and policies declared in YAML with the hosts and converge them with\n")
        .append("the operations an operator would type.\n")
        .append(
            ".PP\nA \\fIDomain\\fR is named by its name, id or uuid. A unique prefix of a subcommand works\n")
        .append(
            "(\\fBxm li\\fR), and so do xm's deprecated aliases (\\fBballoon\\fR, \\fBset\\-vcpus\\fR).\n");
    b.append(".SH GLOBAL OPTIONS\n");
    option(
        b,
        "\\-H, \\-\\-host",
        "HOST",
        "The simulated host to act on (default: localhost, or $XM_HOST).");
    option(
        b,
        "\\-c, \\-\\-connect",
        "URI",
        "A libvirt host to act on (e.g. qemu:///system; or $XM_CONNECT).");
    option(b, "\\-\\-debug", null, "Show the stack trace of a failure.");
    option(b, "\\-h, \\-\\-help", null, "The full list of subcommands.");
    option(b, "\\-V, \\-\\-version", null, "xm's version.");
    for (Section s : Section.values()) {
      List<CommandTable.Entry> in = new ArrayList<>();
      for (CommandTable.Entry e : CommandTable.entries()) {
        if (e.section() == s) {
          in.add(e);
        }
      }
      if (in.isEmpty()) {
        continue;
      }
      b.append(".SH ").append(esc(s.title().toUpperCase(java.util.Locale.ROOT))).append('\n');
      for (CommandTable.Entry e : in) {
        b.append(".TP\n.B ").append(esc(e.name()));
        if (!e.synopsis().isEmpty()) {
          b.append(" \\fR").append(esc(e.synopsis()));
        }
        b.append('\n').append(esc(e.description())).append('\n');
        for (Opt o : CommandTable.newCommand(e.name()).declaredOptions()) {
          b.append(".RS\n");
          option(b, esc(o.display()), null, o.description());
          b.append(".RE\n");
        }
      }
    }
    b.append(".SH ENVIRONMENT\n");
    env(
        b,
        "XM_HOME",
        "Where xm keeps the simulated hosts, policies and resource labels (default ~/.xm).");
    env(b, "XM_HOST", "The simulated host commands act on (default localhost).");
    env(b, "XM_CONNECT", "A libvirt URI commands act on instead.");
    env(b, "XM_CONFIG_PATH", "Where config files given by name are looked for (default /etc/xen).");
    env(b, "XM_POLICY_ROOT", "Where access control policies live (default $XM_HOME/policies).");
    env(
        b,
        "XM_LOCK_TIMEOUT",
        "How long a change waits for a host's lock: a duration such as 90s or 5m (default 60s; 0: do not"
            + " wait).");
    b.append(".SH EXIT STATUS\n");
    exit(b, "0", "Success; for diff and apply \\-\\-dry\\-run: nothing to do.");
    exit(
        b,
        "1",
        "An error: bad input, a refused operation or plan, a failed change, a usage error.");
    exit(
        b,
        "2",
        "Drift or pending changes (diff, apply \\-\\-dry\\-run), and an apply that left restarts pending.");
    exit(b, "3", "The domain named does not exist.");
    exit(b, "255", "A security dry\\-run that FAILED.");
    b.append(".SH FILES\n");
    b.append(
            ".TP\n.I $XM_HOME/hosts/HOST/\nA simulated host: host.sxp (its description), state.sxp and state.journal\n")
        .append("(its domains), xend.log, consoles, and checkpoints/ (suspended domains).\n");
    b.append(
        ".TP\n.I specs/\nDomain, Host, SecurityPolicy and ResourceLabel documents for \\fBxm apply \\-f\\fR.\n");
    b.append(".SH EXAMPLES\n.nf\n")
        .append("xm apply \\-f specs/          # converge the hosts to the specs\n")
        .append("xm diff \\-f specs/           # exit 2 when they drifted\n")
        .append("xm create web1.cfg          # an xmdomain.cfg file, as Xen's xm\n")
        .append("xm list \\-\\-long web1\n")
        .append("xm mem\\-set web1 512\n.fi\n");
    b.append(".SH SEE ALSO\n.BR xmdomain.cfg (5),\n.BR virsh (1)\n");
    return b.toString();
  }

  private static void option(StringBuilder b, String names, String arg, String description) {
    b.append(".TP\n.B ").append(names);
    if (arg != null) {
      b.append(" \\fI").append(arg).append("\\fR");
    }
    b.append('\n').append(esc(description)).append('\n');
  }

  private static void env(StringBuilder b, String name, String description) {
    b.append(".TP\n.B ").append(name).append('\n').append(esc(description)).append('\n');
  }

  private static void exit(StringBuilder b, String code, String description) {
    b.append(".TP\n.B ").append(code).append('\n').append(description).append('\n');
  }

  /**
   * Text safe in a man page line: backslashes doubled, hyphens as \- (so they copy as ASCII), and a
   * line never starting with a dot or quote (which troff reads as a request).
   */
  static String esc(String s) {
    String t = s.replace("\\", "\\e").replace("-", "\\-");
    if (t.startsWith(".") || t.startsWith("'")) {
      t = "\\&" + t;
    }
    return t;
  }
}
