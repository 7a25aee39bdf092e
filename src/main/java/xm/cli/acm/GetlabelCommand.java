package xm.cli.acm;

import java.nio.file.Path;
import xm.cli.XmCommand;
import xm.diag.XmException;
import xm.hypervisor.SecurityLabel;

/** {@code xm getlabel dom <configfile>}: prints {@code policytype=ACM,policy=P,label=L}. */
public final class GetlabelCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(2);
    if (!args.get(0).equals("dom")) {
      if (args.get(0).equals("res")) {
        xm.cli.host.ResourceLabelCommand.run(name, args, env, this::host, out());
        return 0;
      }
      throw LabelTypes.unsupported(args.get(0));
    }
    Path f = AcmFiles.configFile(env, args.get(1));
    SecurityLabel l = AcmFiles.label(f, AcmFiles.text(f));
    if (l == null) {
      throw XmException.badInput("'Domain not labeled'");
    }
    out().println("policytype=ACM,policy=" + l.policy() + ",label=" + l.label());
    return 0;
  }
}
