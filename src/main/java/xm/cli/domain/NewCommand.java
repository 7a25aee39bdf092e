package xm.cli.domain;

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
    XmConfigFile.Loaded loaded =
        CreateCommand.configOf(
            args, value(CreateCommand.DEFCONFIG, null), has(CreateCommand.QUIET), env, out());
    if (has(CreateCommand.DRY_RUN)) {
      out().print(SxpPrinter.pretty(ConfigViews.sxp(loaded.config())));
      return 0;
    }
    host().define(loaded.config(), CreateOptions.plain(false), origin);
    return 0;
  }
}
