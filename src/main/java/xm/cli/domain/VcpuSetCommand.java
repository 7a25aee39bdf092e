package xm.cli.domain;

import xm.cli.XmCommand;

/** {@code xm vcpu-set <Domain> <vCPUs>}: enables VCPUs 0..n-1, within the boot maximum. */
public final class VcpuSetCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(2);
    long n = number(args.get(1));
    host().setVcpus(args.get(0), (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n)), origin);
    return 0;
  }
}
