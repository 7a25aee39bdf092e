package xm.cli.host;

import java.nio.file.Path;
import xm.acm.PolicyPaths;
import xm.acm.PolicyXml;
import xm.acm.SecurityPolicy;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.diag.XmException;
import xm.hypervisor.ResourceLabels;

/**
 * The resource side of {@code xm addlabel L res RESOURCE [policy]}, {@code xm rmlabel res
 * RESOURCE} and {@code xm getlabel res RESOURCE}, on the global store {@link ResourceLabels}. A
 * label must be a resource label of the policy (the named one, else the host's active one).
 */
public final class ResourceLabelCommand extends XmCommand {
  @Override
  public Integer call() {
    int kindAt = name.equals("addlabel") ? 1 : 0;
    if (args.size() <= kindAt || !args.get(kindAt).equals("res")) {
      throw new UsageException("'xm " + name + "' takes 'res RESOURCE' here (labels for 'dom' config files are not in this build)");
    }
    ResourceLabels store = new ResourceLabels(home());
    switch (name) {
      case "addlabel" -> {
        requireArgs(3, 4);
        String resource = ResourceLabels.canonical(args.get(2));
        SecurityPolicy p = policy(args.size() > 3 ? args.get(3) : null);
        String label = args.get(0);
        if (p.resourceLabel(label).isEmpty()) {
          throw XmException.badInput("Label '" + label + "' is not a resource label of policy " + p.name()
              + "; pick one of its ObjectLabels (xm labels " + p.name() + " type=res)");
        }
        store.update(labels -> labels.put(resource, new ResourceLabels.Entry(resource, p.name(), label)));
      }
      case "rmlabel" -> {
        requireArgs(2);
        String resource = ResourceLabels.canonical(args.get(1));
        store.update(labels -> {
          if (labels.remove(resource) == null) {
            throw XmException.error("'Resource not labeled'");
          }
        });
      }
      default -> {
        requireArgs(2);
        String resource = ResourceLabels.canonical(args.get(1));
        out().println(store.get(resource).orElseThrow(() -> XmException.error("'Resource not labeled'")));
      }
    }
    return 0;
  }

  private SecurityPolicy policy(String named) {
    if (named != null) {
      SecurityPolicy p = PolicyXml.read(PolicyPaths.from(env.vars()).xml(named));
      return p;
    }
    return host().activePolicy().orElseThrow(() -> XmException.error(
        "No access control policy is active on this host; name the policy: xm addlabel LABEL res RESOURCE POLICY"));
  }

  Path home() {
    return home(env.vars());
  }

  static Path home(java.util.Map<String, String> vars) {
    String h = vars.get("XM_HOME");
    return h != null && !h.isBlank() ? Path.of(h) : Path.of(System.getProperty("user.home"), ".xm");
  }
}
