package xm.cli.domain;

import xm.cli.XmCommand;

/** {@code xm rename <Domain> <NewDomainName>}: create's name rules; a name in use is refused. */
public final class RenameCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(2);
    host().rename(args.get(0), args.get(1), origin);
    return 0;
  }
}
