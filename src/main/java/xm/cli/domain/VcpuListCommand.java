package xm.cli.domain;

import java.util.List;
import java.util.TreeSet;
import xm.cli.Text;
import xm.cli.XmCommand;
import xm.hypervisor.CpuSets;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.VcpuInfo;

/** {@code xm vcpu-list [Domain ...]}: one line per VCPU. */
public final class VcpuListCommand extends XmCommand {
  @Override
  public Integer call() {
    List<DomainInfo> doms = Domains.select(host(), args);
    int nrCpus = host().info().nrCpus();
    out()
        .println(
            Text.left("Name", 32)
                + " "
                + Text.right("ID", 5)
                + " "
                + Text.right("VCPU", 5)
                + " "
                + Text.right("CPU", 5)
                + " "
                + Text.right("State", 5)
                + " "
                + Text.right("Time(s)", 9)
                + " CPU Affinity");
    for (DomainInfo d : doms) {
      for (VcpuInfo v : d.vcpus()) {
        String cpu;
        String state;
        if (d.id() == null) {
          cpu = "";
          state = "";
        } else if (v.online()) {
          cpu = Integer.toString(v.cpu());
          state = (v.running() ? "r" : "-") + (v.blocked() ? "b" : "-") + "-";
        } else {
          cpu = "-";
          state = "--p";
        }
        String affinity =
            v.affinity().size() >= nrCpus ? "any cpu" : CpuSets.format(new TreeSet<>(v.affinity()));
        out()
            .println(
                Text.left(d.name(), 32)
                    + " "
                    + Text.right(d.id() == null ? "" : d.id().toString(), 5)
                    + " "
                    + Text.right(Integer.toString(v.number()), 5)
                    + " "
                    + Text.right(cpu, 5)
                    + " "
                    + Text.right(state, 5)
                    + "  "
                    + Text.right(Text.oneDecimal(v.cpuTimeSec()), 8)
                    + " "
                    + affinity);
      }
    }
    return 0;
  }
}
