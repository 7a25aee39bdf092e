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
 * The resource side of {@code xm addlabel L res RESOURCE [policy]}, {@code xm rmlabel res RESOURCE}
 * and {@code xm getlabel res RESOURCE}, on the global store {@link ResourceLabels}. A label must be
 * a resource label of the policy (the named one, else the host's active one).
 */
public final class ResourceLabelCommand extends XmCommand {
  @Override
  public Integer call() {
    run(name, args, env, this::host, out());
    return 0;
  }

  /**
   * The {@code res} form of addlabel, rmlabel or getlabel ({@code name}), for the commands that
   * take both forms (xm.cli.acm handles {@code dom}).
   */
  public static void run(
      String name,
      java.util.List<String> args,
      xm.cli.Env env,
      java.util.function.Supplier<xm.hypervisor.Hypervisor> host,
      java.io.PrintWriter out) {
    int kindAt = name.equals("addlabel") ? 1 : 0;
    if (args.size() <= kindAt || !args.get(kindAt).equals("res")) {
      throw new UsageException("'xm " + name + "' takes 'res RESOURCE' here");
    }
    int want = name.equals("addlabel") ? 3 : 2;
    if (args.size() < want || args.size() > (name.equals("addlabel") ? 4 : 2)) {
      throw new UsageException(
          "'xm "
              + name
              + "' requires "
              + (name.equals("addlabel") ? "between 3 and 4 arguments." : "2 arguments."));
    }
    ResourceLabels store = new ResourceLabels(home(env));
    switch (name) {
      case "addlabel" -> {
        String resource = ResourceLabels.canonical(args.get(2));
        if (resource.startsWith(
            "file:")) { // the image itself, not a link to it: every way to it finds the label
          String real = ResourceLabels.realPath(resource.substring("file:".length()));
          resource = real == null ? resource : "file:" + real;
        }
        SecurityPolicy p = policy(args.size() > 3 ? args.get(3) : null, env, host);
        String label = args.get(0);
        if (p.resourceLabel(label).isEmpty()) {
          throw XmException.badInput(
              "Label '"
                  + label
                  + "' is not a resource label of policy "
                  + p.name()
                  + "; pick one of its ObjectLabels (xm labels "
                  + p.name()
                  + " type=res)");
        }
        // through the host: it refuses a new label that a domain using the resource would be denied
        host.get()
            .labelResource(resource, p.name(), label, "xm addlabel " + String.join(" ", args));
      }
      case "rmlabel" -> {
        String resource = ResourceLabels.canonical(args.get(1));
        host.get().unlabelResource(resource, "xm rmlabel " + String.join(" ", args));
      }
      default -> {
        String resource = ResourceLabels.canonical(args.get(1));
        out.println(
            store.get(resource).orElseThrow(() -> XmException.error("'Resource not labeled'")));
      }
    }
  }

  private static SecurityPolicy policy(
      String named, xm.cli.Env env, java.util.function.Supplier<xm.hypervisor.Hypervisor> host) {
    if (named != null) {
      SecurityPolicy p = PolicyXml.read(PolicyPaths.from(env.vars()).xml(named));
      return p;
    }
    return host.get()
        .activePolicy()
        .orElseThrow(
            () ->
                XmException.error(
                    "No access control policy is active on this host; name the policy: xm addlabel LABEL res RESOURCE POLICY"));
  }

  /** {@code XM_HOME} as every command finds it (relative to the working directory). */
  public static Path home(xm.cli.Env env) {
    return env.cwd().resolve(xm.hypervisor.sim.SimHosts.homeFrom(env.vars()));
  }
}
