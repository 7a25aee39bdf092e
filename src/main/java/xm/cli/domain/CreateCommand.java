package xm.cli.domain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xm.cli.Opt;
import xm.cli.XmCommand;
import xm.config.XmConfigFile;
import xm.hypervisor.DomainInfo;
import xm.sxp.SxpPrinter;

/**
 * {@code xm create [-c] [-p] [-n] [-q] <ConfigFile> [name=value ...]}: reads an xmdomain.cfg file
 * (looked up as given, then in each directory of {@code XM_CONFIG_PATH}, default /etc/xen), applies
 * the overrides and builds the domain.
 */
public final class CreateCommand extends XmCommand {
  static final Opt CONSOLE =
      Opt.flag(
          "-c", "--console_autoconnect", "Connect to the console after the domain is created.");
  static final Opt PAUSED =
      Opt.flag("-p", "--paused", "Leave the domain paused after it is created.");
  static final Opt DRY_RUN =
      Opt.flag(
          "-n",
          "--dryrun",
          "Dry run - prints the resulting configuration in SXP but does not create the domain.");
  static final Opt QUIET = Opt.flag("-q", "--quiet", "Quiet.");
  static final Opt DEFCONFIG =
      Opt.value("-f", "--defconfig", "<file>", "Use the given Python configuration script.");

  @Override
  protected java.util.List<Opt> options() {
    return java.util.List.of(CONSOLE, PAUSED, DRY_RUN, QUIET, DEFCONFIG);
  }

  @Override
  public Integer call() {
    boolean console = has(CONSOLE);
    boolean paused = has(PAUSED);
    boolean dryRun = has(DRY_RUN);
    boolean quiet = has(QUIET);
    XmConfigFile.Loaded loaded = configOf(args, value(DEFCONFIG, null), quiet, env, out());
    if (dryRun) {
      out().print(SxpPrinter.pretty(xm.cli.domain.ConfigViews.sxp(loaded.config())));
      return 0;
    }
    DomainInfo d = host().create(loaded.config(), paused, origin);
    if (!quiet) {
      out().println("Started domain " + d.name() + " (id=" + d.id() + ")");
    }
    if (console) {
      for (String line : host().console(d.uuid())) {
        out().println(xm.diag.SafeText.forTerminal(line));
      }
    }
    return 0;
  }

  /**
   * The domain config xm create's and xm new's arguments name ({@code [FILE] [name=value ...]},
   * FILE defaulting to {@code defconfig}, then xmdefconfig), after saying which file it reads
   * unless {@code quiet}.
   */
  static XmConfigFile.Loaded configOf(
      List<String> args, String defconfig, boolean quiet, xm.cli.Env env, java.io.PrintWriter out) {
    String file = defconfig;
    List<String> vars = new ArrayList<>();
    for (String a : args) {
      if (a.contains("=")) {
        vars.add(a);
      } else if (file == null) {
        file = a;
      } else {
        throw new xm.cli.UsageException(
            "Invalid argument '" + a + "': give one config file, then name=value pairs");
      }
    }
    if (file == null) {
      file = "xmdefconfig";
    }
    Path found = XmConfigFile.find(file, env.cwd(), configPath(env));
    if (!quiet) {
      String shown =
          Path.of(file).isAbsolute()
              ? file
              : found.equals(env.cwd().resolve(file).normalize()) ? "./" + file : found.toString();
      out.println("Using config file \"" + shown + "\".");
    }
    return XmConfigFile.load(found, vars, env.cwd());
  }

  /**
   * Where config files given by name are looked for: {@code XM_CONFIG_PATH}, else {@code /etc/xen}.
   */
  public static List<Path> configPath(xm.cli.Env env) {
    String p = env.var("XM_CONFIG_PATH");
    List<Path> dirs = new ArrayList<>();
    for (String d : (p == null ? "/etc/xen" : p).split(":")) {
      if (!d.isEmpty()) {
        dirs.add(env.cwd().resolve(d));
      }
    }
    return dirs;
  }
}
