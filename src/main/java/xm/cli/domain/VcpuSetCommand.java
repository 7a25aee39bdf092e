package xm.cli.domain;

/**
 * {@code xm vcpu-set <Domain> <vCPUs> [--hold D]}: enables VCPUs 0..n-1, within the boot maximum.
 */
public final class VcpuSetCommand extends HoldableCommand {
  @Override
  public Integer call() {
    requireArgs(2);
    int n = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number(args.get(1))));
    changeHeld("vcpus", () -> host().setVcpus(args.get(0), n, origin));
    return 0;
  }
}
