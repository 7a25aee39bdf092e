package xm.cli.domain;

import xm.cli.Opt;
import xm.cli.XmCommand;
import xm.hypervisor.ShutdownMode;

/** {@code xm reboot [-a] [-w] <Domain>}: asks guests to reboot; -w waits until they are back. */
public final class RebootCommand extends XmCommand {
  static final Opt ALL = Opt.flag("-a", "--all", "Reboot all domains (never Domain-0).");
  static final Opt WAIT = Opt.flag("-w", "--wait", "Wait for reboot to complete before returning.");
  static final Opt TIMEOUT_SECS =
      Opt.value(
          "-t", "--timeout", "<secs>", "With -w: give up after this many seconds (default 600).");

  @Override
  protected java.util.List<Opt> options() {
    return java.util.List.of(ALL, WAIT, TIMEOUT_SECS);
  }

  @Override
  public Integer call() {
    boolean all = has(ALL);
    boolean wait = has(WAIT);
    int timeoutSecs = intValue(TIMEOUT_SECS, 600);
    return Shutdowns.run(this, host(), args, all, wait, ShutdownMode.REBOOT, timeoutSecs, origin);
  }
}
