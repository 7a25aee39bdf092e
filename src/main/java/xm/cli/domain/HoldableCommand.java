package xm.cli.domain;

import java.time.Duration;
import java.util.List;
import xm.cli.Opt;
import xm.cli.XmCommand;

/**
 * A command whose change can be held against {@code xm apply} with {@code --hold DURATION}
 * (mem-set, mem-max, vcpu-set, pause, unpause, block and network attach and detach): the duration
 * is checked before anything changes, and the hold is recorded only after the change succeeded.
 */
public abstract class HoldableCommand extends XmCommand {
  @Override
  protected List<Opt> options() {
    return List.of(Holds.HOLD);
  }

  /**
   * Runs {@code change} on the domain named first, then records a hold on {@code field} if asked.
   */
  protected final void changeHeld(String field, Runnable change) {
    Duration hold = has(Holds.HOLD) ? Holds.parse(value(Holds.HOLD, null)) : null;
    change.run();
    if (hold != null) {
      Holds.record(host(), args.get(0), field, hold, origin);
    }
  }
}
