package xm.cli.domain;

import xm.cli.Opt;
import xm.cli.XmCommand;
import xm.hypervisor.ShutdownMode;

/** {@code xm shutdown [-a] [-w] [-H] [-R] <Domain>}: asks guests to shut down; -w waits. */
public final class ShutdownCommand extends XmCommand {
  static final Opt ALL = Opt.flag("-a", "--all", "Shutdown all domains (never Domain-0).");
  static final Opt WAIT = Opt.flag("-w", "--wait", "Wait for shutdown to complete.");
  static final Opt HALT = Opt.flag("-H", "--halt", "Shutdown without reboot.");
  static final Opt REBOOT = Opt.flag("-R", "--reboot", "Shutdown and reboot.");
  static final Opt TIMEOUT_SECS =
      Opt.value(
          "-t", "--timeout", "<secs>", "With -w: give up after this many seconds (default 600).");

  @Override
  protected java.util.List<Opt> options() {
    return java.util.List.of(ALL, WAIT, HALT, REBOOT, TIMEOUT_SECS);
  }

  @Override
  public Integer call() {
    boolean all = has(ALL);
    boolean wait = has(WAIT);
    boolean halt = has(HALT);
    boolean reboot = has(REBOOT);
    int timeoutSecs = intValue(TIMEOUT_SECS, 600);
    if (halt && reboot) {
      throw new xm.cli.UsageException("Can't specify halt and reboot");
    }
    ShutdownMode mode =
        halt ? ShutdownMode.HALT : reboot ? ShutdownMode.REBOOT : ShutdownMode.POWEROFF;
    return Shutdowns.run(this, host(), args, all, wait, mode, timeoutSecs, origin);
  }
}
