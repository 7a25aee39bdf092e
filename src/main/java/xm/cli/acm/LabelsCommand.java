package xm.cli.acm;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import xm.acm.ResourceLabel;
import xm.acm.SecurityPolicy;
import xm.acm.VmLabel;
import xm.cli.UsageException;
import xm.cli.XmCommand;

/**
 * {@code xm labels [policy] [type=dom|res|any]}: the policy's labels of that type, by name, one a
 * line.
 */
public final class LabelsCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(0, 2);
    String policy = null;
    String type = "dom";
    for (String a : args) {
      if (a.startsWith("type=")) {
        type = a.substring(5);
        if (!List.of("dom", "res", "any").contains(type)) {
          throw new UsageException(
              "Invalid label type '" + type + "': use type=dom, type=res or type=any.");
        }
      } else if (policy == null) {
        policy = a;
      } else {
        throw new UsageException(
            "'xm labels' takes one policy; '" + policy + "' and '" + a + "' given.");
      }
    }
    // the active policy as the host holds it (xm resetpolicy's DEFAULT has no file of its own)
    SecurityPolicy p =
        policy != null
            ? AcmFiles.load(env, AcmFiles.policyOrActive(policy, "labels", this::host)).policy()
            : host()
                .activePolicy()
                .orElseGet(
                    () ->
                        AcmFiles.load(env, AcmFiles.policyOrActive(null, "labels", this::host))
                            .policy());
    TreeSet<String> names = new TreeSet<>();
    if (!type.equals("res")) {
      p.vmLabels().stream().map(VmLabel::name).forEach(names::add);
    }
    if (!type.equals("dom")) {
      p.resourceLabels().stream().map(ResourceLabel::name).forEach(names::add);
    }
    names.remove(SecurityPolicy.UNLABELED);
    for (String n : new ArrayList<>(names)) {
      out().println(n);
    }
    return 0;
  }
}
