package xm.cli.domain;

import xm.cli.UsageException;
import xm.cli.XmCommand;

/** {@code xm sysrq <Domain> <letter>}: sends a magic SysRq key to the guest. */
public final class SysrqCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(2);
    String key = args.get(1);
    if (key.length() != 1 || key.charAt(0) < 0x21 || key.charAt(0) > 0x7e) {
      throw new UsageException(
          "The sysrq key must be a single printable character, such as s, u, b or t.");
    }
    host().sysrq(args.get(0), key.charAt(0), origin);
    return 0;
  }
}
