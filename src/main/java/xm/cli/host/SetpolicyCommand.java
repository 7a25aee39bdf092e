package xm.cli.host;

import xm.acm.PolicyPaths;
import xm.acm.PolicyXml;
import xm.acm.SecurityPolicy;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.diag.XmException;

/**
 * {@code xm setpolicy ACM <policyname>}: xm 3.4's one step for access control: the policy is loaded
 * now and activated for boot (what {@code loadpolicy} and {@code cfgbootpolicy} do in turn), then
 * shown as {@code getpolicy} shows it.
 */
public final class SetpolicyCommand extends XmCommand {
  @Override
  public Integer call() {
    if (args.size() < 2) {
      throw new UsageException("Need at least 3 arguments.");
    }
    if (!args.get(0).equalsIgnoreCase("ACM")) {
      throw new UsageException("Unsupported policytype '" + args.get(0) + "'.");
    }
    PolicyPaths paths = PolicyPaths.from(env.vars());
    SecurityPolicy p = PolicyXml.read(paths.xml(args.get(1)));
    if (!p.name().equals(args.get(1))) {
      throw XmException.badInput(
          paths.xml(args.get(1))
              + ": the file defines policy "
              + p.name()
              + ", not "
              + args.get(1)
              + "; fix its PolicyName or move it to where "
              + p.name()
              + " belongs");
    }
    try {
      host().loadPolicy(p, origin);
    } catch (XmException e) {
      throw XmException.error("An error occurred trying to set the policy: " + e.getMessage());
    }
    host().setBootPolicy(p, null, origin);
    out().println("Successfully set the new policy.");
    out().print(GetpolicyCommand.render(host(), false));
    return 0;
  }
}
