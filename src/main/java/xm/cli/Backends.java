package xm.cli;

import xm.hypervisor.Hypervisor;
import xm.hypervisor.sim.SimHosts;

/**
 * Chooses the backend a command talks to; the one place that knows about implementations. Today:
 * the embedded simulated host named by {@code --host} or {@code XM_HOST} (default
 * {@code localhost}) under {@code XM_HOME}.
 */
public final class Backends {
  private final Env env;
  private final String hostOption;

  Backends(Env env, String hostOption) {
    this.env = env;
    this.hostOption = hostOption;
  }

  /** The name of the host commands act on. */
  public String hostName() {
    if (hostOption != null) {
      return hostOption;
    }
    String h = env.var("XM_HOST");
    return h == null || h.isBlank() ? SimHosts.DEFAULT_HOST : h;
  }

  public SimHosts simHosts() {
    return new SimHosts(env.cwd().resolve(SimHosts.homeFrom(env.vars())));
  }

  Hypervisor open() {
    return simHosts().open(hostName());
  }
}
