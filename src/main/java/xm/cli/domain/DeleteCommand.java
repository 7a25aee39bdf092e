package xm.cli.domain;

import xm.cli.XmCommand;

/** {@code xm delete <DomainName>}: removes a halted domain from the host's lifecycle management. */
public final class DeleteCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    if (host().domain(args.get(0)).id() != null) { // a suspended one is the host's to judge
      throw new xm.cli.UsageException("Domain is not halted.");
    }
    host().delete(args.get(0), origin);
    return 0;
  }
}
