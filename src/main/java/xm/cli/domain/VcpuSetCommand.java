package xm.cli.domain;

import xm.cli.XmCommand;

/** {@code xm vcpu-set <Domain> <vCPUs>}: enables VCPUs 0..n-1, within the boot maximum. */
public final class VcpuSetCommand extends XmCommand {
  @Override
  protected java.util.List<xm.cli.Opt> options() {
    return java.util.List.of(Holds.HOLD);
  }

  @Override
  public Integer call() {
    requireArgs(2);
    long n = number(args.get(1));
    java.time.Duration hold = has(Holds.HOLD) ? Holds.parse(value(Holds.HOLD, null)) : null;
    host().setVcpus(args.get(0), (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n)), origin);
    if (hold != null) {
      Holds.record(host(), args.get(0), "vcpus", hold, origin);
    }
    return 0;
  }
}
