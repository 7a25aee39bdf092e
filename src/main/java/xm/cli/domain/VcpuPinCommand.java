package xm.cli.domain;

import java.util.Set;
import xm.cli.XmCommand;
import xm.hypervisor.CpuSets;

/** {@code xm vcpu-pin <Domain> <VCPU|all> <CPUs|all>}. */
public final class VcpuPinCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(3);
    int vcpu = args.get(1).equals("all") ? -1 : (int) number(args.get(1));
    if (vcpu < -1 || (vcpu == -1 && !args.get(1).equals("all"))) {
      throw new xm.cli.UsageException("Invalid argument.");
    }
    Set<Integer> cpus = CpuSets.parse(args.get(2));
    host().pinVcpu(args.get(0), vcpu, cpus, origin);
    return 0;
  }
}
