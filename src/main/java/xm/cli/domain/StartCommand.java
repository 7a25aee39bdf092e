package xm.cli.domain;

import java.util.List;
import xm.cli.Opt;
import xm.cli.XmCommand;

/**
 * {@code xm start <DomainName> [-p|--paused]}: boots a halted domain that {@code xm new} defined.
 */
public final class StartCommand extends XmCommand {
  static final Opt PAUSED = Opt.flag("-p", "--paused", "Do not unpause domain after starting it");

  @Override
  protected List<Opt> options() {
    return List.of(PAUSED);
  }

  @Override
  public Integer call() {
    requireArgs(1);
    xm.hypervisor.DomainInfo d = host().domain(args.get(0));
    if (d.id() != null) {
      throw new xm.cli.UsageException("Domain is already running");
    }
    host().start(args.get(0), has(PAUSED), origin);
    return 0;
  }
}
