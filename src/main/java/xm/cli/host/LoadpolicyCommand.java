package xm.cli.host;

import xm.acm.PolicyPaths;
import xm.acm.PolicyXml;
import xm.acm.SecurityPolicy;
import xm.cli.XmCommand;
import xm.diag.XmException;

/**
 * {@code xm loadpolicy POLICY}: reads policy {@code POLICY} from the policy root ({@link
 * PolicyPaths}) and makes it the host's active policy. Refused whole, with the reason, when a
 * running domain's label is not defined by it or running domains would conflict under it.
 */
public final class LoadpolicyCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    SecurityPolicy p = PolicyXml.read(PolicyPaths.from(env.vars()).xml(args.get(0)));
    if (!p.name().equals(args.get(0))) {
      throw XmException.badInput(
          PolicyPaths.from(env.vars()).xml(args.get(0))
              + ": the file defines policy "
              + p.name()
              + ", not "
              + args.get(0)
              + "; fix its PolicyName or move it to where "
              + p.name()
              + " belongs");
    }
    host().loadPolicy(p, origin);
    out().println("Successfully loaded policy '" + p.name() + "'.");
    return 0;
  }
}
