package xm.cli.acm;

import java.nio.file.Path;
import xm.diag.XmException;
import xm.hypervisor.SecurityLabel;

/** {@code xm getlabel dom <configfile>}: prints {@code policytype=ACM,policy=P,label=L}. */
public final class GetlabelCommand extends LabelCommand {
  @Override
  int kindAt() {
    return 0;
  }

  @Override
  void requireCount() {
    requireArgs(2);
  }

  @Override
  Integer dom() {
    Path f = AcmFiles.configFile(env, args.get(1));
    SecurityLabel l = AcmFiles.label(f, AcmFiles.text(f));
    if (l == null) {
      throw XmException.badInput("'Domain not labeled'");
    }
    out().println("policytype=ACM,policy=" + l.policy() + ",label=" + l.label());
    return 0;
  }
}
