package xm.cli.domain;

import java.util.List;
import xm.cli.Opt;
import xm.cli.XmCommand;

/**
 * {@code xm resume <DomainName> [-p|--paused]}: runs a suspended domain again from its checkpoint.
 */
public final class ResumeCommand extends XmCommand {
  static final Opt PAUSED = Opt.flag("-p", "--paused", "Do not unpause domain after resuming it");

  @Override
  protected List<Opt> options() {
    return List.of(PAUSED);
  }

  @Override
  public Integer call() {
    requireArgs(1);
    host().resume(args.get(0), has(PAUSED), origin);
    return 0;
  }
}
