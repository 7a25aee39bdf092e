package xm.cli.domain;

import xm.cli.UsageException;
import xm.cli.XmCommand;

/**
 * {@code xm trigger <Domain> <nmi|reset|init|s3resume|power> [<VCPU>]}: VCPU 0 by default; any
 * letter case.
 */
public final class TriggerCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(2, 3);
    int vcpu = 0;
    if (args.size() == 3) {
      if (!args.get(2).matches("[0-9]{1,4}")) {
        throw new UsageException("Invalid VCPU: " + args.get(2));
      }
      vcpu = Integer.parseInt(args.get(2));
    }
    host().trigger(args.get(0), args.get(1), vcpu, origin);
    return 0;
  }
}
