package xm.cli.domain;

import xm.cli.XmCommand;

/** {@code xm domname <DomId>}: prints the name alone. */
public final class DomnameCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    out().println(host().domain(args.get(0)).name());
    return 0;
  }
}
