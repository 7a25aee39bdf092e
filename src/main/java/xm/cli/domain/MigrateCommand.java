package xm.cli.domain;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import xm.cli.UsageException;
import xm.cli.XmCommand;

/** {@code xm migrate <Domain> <Host> [-l] [-r Mbs]}: moves a domain to another (simulated) host. */
@Command(name = "migrate")
public final class MigrateCommand extends XmCommand {
  @Option(names = {"-l", "--live"}, description = "Use live migration.")
  boolean live;

  @Option(names = {"-r", "--resource"}, paramLabel = "<Mbs>", description = "Set maximum Mbs allowed for migrating the domain.")
  int resource;

  @Option(names = {"-p", "--port"}, paramLabel = "<port>", description = "Relocation port (accepted for compatibility).")
  int port;

  @Override
  public Integer call() {
    requireArgs(2);
    if (resource < 0) {
      throw new UsageException("Invalid argument.");
    }
    host().migrate(args.get(0), args.get(1), live, resource, origin);
    return 0;
  }
}
