package xm.cli.domain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xm.cli.Opt;
import xm.cli.XmCommand;
import xm.config.XmConfigFile;
import xm.hypervisor.CreateOptions;
import xm.sxp.SxpPrinter;

/**
 * {@code xm new <ConfigFile> [options] [vars]}: adds a domain to the host's lifecycle management
 * without starting it (create's config file, overrides and options); {@code xm start} boots it.
 */
public final class NewCommand extends XmCommand {
  @Override
  protected List<Opt> options() {
    return List.of(CreateCommand.DRY_RUN, CreateCommand.QUIET, CreateCommand.DEFCONFIG);
  }

  @Override
  public Integer call() {
    String file = value(CreateCommand.DEFCONFIG, null);
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
    Path found = XmConfigFile.find(file, env.cwd(), CreateCommand.configPath(env));
    if (!has(CreateCommand.QUIET)) {
      String shown =
          Path.of(file).isAbsolute()
              ? file
              : found.equals(env.cwd().resolve(file).normalize()) ? "./" + file : found.toString();
      out().println("Using config file \"" + shown + "\".");
    }
    XmConfigFile.Loaded loaded = XmConfigFile.load(found, vars, env.cwd());
    if (has(CreateCommand.DRY_RUN)) {
      out().print(SxpPrinter.pretty(ConfigViews.sxp(loaded.config())));
      return 0;
    }
    host().define(loaded.config(), CreateOptions.plain(false), origin);
    return 0;
  }
}
