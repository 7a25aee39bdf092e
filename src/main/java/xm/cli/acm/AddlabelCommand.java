package xm.cli.acm;

import java.nio.file.Path;
import xm.acm.SecurityPolicy;
import xm.diag.XmException;
import xm.hypervisor.SecurityLabel;

/**
 * {@code xm addlabel <label> dom <configfile> [policy]}: appends {@code access_control =
 * ['policy=P,label=L']} to the config file, which must not be labeled yet; the label must be a VM
 * label of the policy. Nothing else in the file changes.
 */
public final class AddlabelCommand extends LabelCommand {
  @Override
  int kindAt() {
    return 1;
  }

  @Override
  void requireCount() {
    requireArgs(3, 4);
  }

  @Override
  Integer dom() {
    String label = args.get(0);
    String policy =
        AcmFiles.policyOrActive(
            args.size() == 4 ? args.get(3) : null,
            "addlabel " + label + " dom " + args.get(2),
            this::host);
    SecurityPolicy p = AcmFiles.load(env, policy).policy();
    if (p.vmLabel(label).isEmpty() || label.equals(SecurityPolicy.UNLABELED)) {
      throw XmException.badInput(
          "Label '"
              + label
              + "' is not a domain label of policy '"
              + policy
              + "'; 'xm labels "
              + policy
              + " type=dom' lists them");
    }
    Path f = AcmFiles.configFile(env, args.get(2));
    String text = AcmFiles.text(f);
    SecurityLabel old = AcmFiles.label(f, text);
    if (old != null) {
      throw XmException.badInput(
          args.get(2)
              + " is already labeled (policy="
              + old.policy()
              + ",label="
              + old.label()
              + "); remove it first with 'xm rmlabel dom "
              + args.get(2)
              + "'");
    }
    String line = "access_control = ['policy=" + policy + ",label=" + label + "']\n";
    AcmFiles.rewrite(f, text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + line);
    return 0;
  }
}
