package xm.cli.domain;

import picocli.CommandLine.Command;
import xm.cli.XmCommand;

/** {@code xm destroy <Domain>}. */
@Command(name = "destroy")
public final class DestroyCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    host().destroy(args.get(0), origin);
    return 0;
  }
}
