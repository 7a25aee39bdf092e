package xm.cli.acm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import xm.acm.DryRun;
import xm.acm.ResourceAccess;
import xm.cli.ExitCodes;
import xm.cli.XmCommand;
import xm.config.XmConfigFile;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.ResourceLabels;

/**
 * {@code xm dry-run CONFIGFILE}: whether the domain the config file describes would be permitted
 * its label and its resources under the host's active policy, decided as create decides (all but
 * the Chinese Wall); prints Xen's report and exits 255 when it FAILED.
 */
public final class DryrunCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    Path found =
        XmConfigFile.find(args.get(0), env.cwd(), xm.cli.domain.CreateCommand.configPath(env));
    DomainConfig c = XmConfigFile.load(found, List.of(), env.cwd()).config();
    List<ResourceAccess.Use> resources = ResourceLabels.uses(c);
    Optional<xm.acm.SecurityPolicy> active = host().activePolicy();
    Map<String, ResourceAccess.Held> held = new TreeMap<>();
    for (ResourceLabels.Entry e :
        new ResourceLabels(xm.cli.host.ResourceLabelCommand.home(env)).read().values()) {
      held.put(e.resource(), new ResourceAccess.Held(e.policy(), e.label()));
    }
    DryRun.Report r =
        DryRun.check(
            active,
            c.name(),
            c.securityLabel() == null ? null : c.securityLabel().policy(),
            c.securityLabel() == null ? null : c.securityLabel().label(),
            resources,
            held);
    for (String line : r.lines()) {
      out().println(xm.diag.SafeText.forTerminal(line));
    }
    return r.passed() ? ExitCodes.OK : ExitCodes.DRY_RUN_FAILED;
  }
}
