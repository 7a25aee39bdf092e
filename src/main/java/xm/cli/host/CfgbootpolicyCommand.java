package xm.cli.host;

import xm.acm.PolicyPaths;
import xm.acm.PolicyXml;
import xm.acm.SecurityPolicy;
import xm.cli.XmCommand;

/**
 * {@code xm cfgbootpolicy POLICY [kernelversion]}: the host's boot menu entry for {@code
 * kernelversion} (else the default one) loads policy {@code POLICY}'s binary, so the policy is
 * active from the next host boot ({@code xm host reboot} on the simulated host).
 */
public final class CfgbootpolicyCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1, 2);
    SecurityPolicy p = PolicyXml.read(PolicyPaths.from(env.vars()).xml(args.get(0)));
    String title = host().setBootPolicy(p, args.size() > 1 ? args.get(1) : null, origin);
    out()
        .println(
            "Boot entry '"
                + title
                + "' now loads policy "
                + p.name()
                + " (active from the next host boot).");
    return 0;
  }
}
