package xm.cli.domain;

import xm.cli.XmCommand;
import xm.hypervisor.DomainInfo;

/** {@code xm domid <DomainName>}: prints the id alone. */
public final class DomidCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    DomainInfo d = host().domain(args.get(0));
    out().println(d.id() == null ? "None" : d.id().toString());
    return 0;
  }
}
