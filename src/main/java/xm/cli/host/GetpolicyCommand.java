package xm.cli.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xm.acm.PolicyXml;
import xm.acm.SecurityPolicy;
import xm.cli.Opt;
import xm.cli.XmCommand;
import xm.hypervisor.Hypervisor;

/**
 * {@code xm getpolicy [--dumpxml]}: the policy the host runs, as xm 3.4 printed it: the security
 * subsystems, then the policy's name, type, version and whether it is loaded and activated for
 * boot.
 */
public final class GetpolicyCommand extends XmCommand {
  static final Opt DUMPXML = Opt.flag(null, "--dumpxml", "Display the XML of the policy");

  @Override
  protected List<Opt> options() {
    return List.of(DUMPXML);
  }

  @Override
  public Integer call() {
    requireArgs(0);
    out().print(render(host(), has(DUMPXML)));
    return 0;
  }

  /** What getpolicy prints for {@code h} (setpolicy prints it after a change). */
  static String render(Hypervisor h, boolean dumpxml) {
    StringBuilder b = new StringBuilder("Supported security subsystems   : ACM \n\n");
    Optional<SecurityPolicy> active = h.activePolicy();
    if (active.isEmpty()) {
      return b.append("No policy is installed.\n").toString();
    }
    SecurityPolicy p = active.get();
    b.append(String.format("Policy name           : %s%n", p.name()));
    b.append(String.format("Policy type           : %s%n", "ACM"));
    b.append(String.format("Version of XML policy : %s%n", p.version()));
    List<String> state = new ArrayList<>();
    state.add("loaded");
    if (h.bootPolicy().map(SecurityPolicy::name).filter(p.name()::equals).isPresent()) {
      state.add("activated for boot");
    }
    b.append(String.format("Policy configuration  : %s%n", String.join(", ", state)));
    if (dumpxml) {
      b.append(PolicyXml.write(p));
      if (b.charAt(b.length() - 1) != '\n') {
        b.append('\n');
      }
    }
    return b.toString();
  }
}
