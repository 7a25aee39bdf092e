package xm.cli.domain;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xm.cli.XmCommand;
import xm.hypervisor.ShutdownMode;

/** {@code xm shutdown [-a] [-w] [-H] [-R] <Domain>}: asks guests to shut down; -w waits. */
@Command(name = "shutdown")
public final class ShutdownCommand extends XmCommand {
  @Option(names = {"-a", "--all"}, description = "Shutdown all domains (never Domain-0).")
  boolean all;

  @Option(names = {"-w", "--wait"}, description = "Wait for shutdown to complete.")
  boolean wait;

  @Option(names = {"-H", "--halt"}, description = "Shutdown without reboot.")
  boolean halt;

  @Option(names = {"-R", "--reboot"}, description = "Shutdown and reboot.")
  boolean reboot;

  @Option(names = {"-t", "--timeout"}, paramLabel = "<secs>", description = "With -w: give up after this many seconds (default 600).")
  int timeoutSecs = 600;

  @Override
  public Integer call() {
    if (halt && reboot) {
      throw new xm.cli.UsageException("Can't specify halt and reboot");
    }
    ShutdownMode mode = halt ? ShutdownMode.HALT : reboot ? ShutdownMode.REBOOT : ShutdownMode.POWEROFF;
    return Shutdowns.run(this, host(), args, all, wait, mode, timeoutSecs, origin);
  }
}
