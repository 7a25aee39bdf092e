package xm.cli.domain;

import xm.cli.Opt;
import xm.cli.UsageException;
import xm.cli.XmCommand;

/** {@code xm migrate <Domain> <Host> [-l] [-r Mbs]}: moves a domain to another (simulated) host. */
public final class MigrateCommand extends XmCommand {
  static final Opt LIVE = Opt.flag("-l", "--live", "Use live migration.");
  static final Opt RESOURCE =
      Opt.value("-r", "--resource", "<Mbs>", "Set maximum Mbs allowed for migrating the domain.");
  static final Opt PORT =
      Opt.value("-p", "--port", "<port>", "Relocation port (accepted for compatibility).");

  @Override
  protected java.util.List<Opt> options() {
    return java.util.List.of(LIVE, RESOURCE, PORT);
  }

  @Override
  public Integer call() {
    boolean live = has(LIVE);
    int resource = intValue(RESOURCE, 0);
    intValue(PORT, 0); // a relocation port is accepted for compatibility, but must be a number
    requireArgs(2);
    if (resource < 0) {
      throw new UsageException("Invalid argument.");
    }
    host().migrate(args.get(0), args.get(1), live, resource, origin);
    return 0;
  }
}
