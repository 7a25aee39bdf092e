package xm.cli.domain;

import java.util.Set;
import xm.cli.XmCommand;
import xm.hypervisor.CpuSets;

/** {@code xm vcpu-pin <Domain> <VCPU|all> <CPUs|all>}. */
public final class VcpuPinCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(3);
    // clamped, not cast: 4294967296 must not wrap around to VCPU 0 (the host refuses what it lacks)
    int vcpu =
        args.get(1).equals("all")
            ? -1
            : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number(args.get(1))));
    if (vcpu < -1 || (vcpu == -1 && !args.get(1).equals("all"))) {
      throw new xm.cli.UsageException("Invalid argument.");
    }
    Set<Integer> cpus = CpuSets.parse(args.get(2));
    host().pinVcpu(args.get(0), vcpu, cpus, origin);
    return 0;
  }
}
