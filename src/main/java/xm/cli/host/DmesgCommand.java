package xm.cli.host;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xm.cli.UsageException;
import xm.cli.XmCommand;

/** {@code xm dmesg [-c]}: the hypervisor's message ring; -c clears it after printing. */
@Command(name = "dmesg")
public final class DmesgCommand extends XmCommand {
  @Option(names = {"-c", "--clear"}, description = "Clear dmesg buffer as well as printing it")
  boolean clear;

  @Override
  public Integer call() {
    if (!args.isEmpty()) {
      throw new UsageException("No parameter required");
    }
    out().print(host().dmesg(clear));
    return 0;
  }
}
