package xm.cli.host;

import xm.cli.XmCommand;
import xm.hypervisor.ResourceLabels;

/**
 * {@code xm resources}: every labeled resource of the global store, with its type, policy and
 * label.
 */
public final class ResourcesCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(0);
    for (ResourceLabels.Entry e :
        new ResourceLabels(ResourceLabelCommand.home(env)).read().values()) {
      out().println(e.resource());
      out().println("      type: ACM");
      out().println("    policy: " + e.policy());
      out().println("     label: " + e.label());
    }
    return 0;
  }
}
