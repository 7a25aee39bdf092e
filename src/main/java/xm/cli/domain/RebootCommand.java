package xm.cli.domain;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xm.cli.XmCommand;
import xm.hypervisor.ShutdownMode;

/** {@code xm reboot [-a] [-w] <Domain>}: asks guests to reboot; -w waits until they are back. */
@Command(name = "reboot")
public final class RebootCommand extends XmCommand {
  @Option(names = {"-a", "--all"}, description = "Reboot all domains (never Domain-0).")
  boolean all;

  @Option(names = {"-w", "--wait"}, description = "Wait for reboot to complete before returning.")
  boolean wait;

  @Option(names = {"-t", "--timeout"}, paramLabel = "<secs>", description = "With -w: give up after this many seconds (default 600).")
  int timeoutSecs = 600;

  @Override
  public Integer call() {
    return Shutdowns.run(this, host(), args, all, wait, ShutdownMode.REBOOT, timeoutSecs, origin);
  }
}
