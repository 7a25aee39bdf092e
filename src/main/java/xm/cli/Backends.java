package xm.cli;

import java.time.Clock;
import java.time.Duration;
import xm.diag.SafeText;
import xm.diag.XmException;
import xm.hypervisor.HostFactory;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.sim.LockWait;
import xm.hypervisor.sim.SimHostFactory;
import xm.hypervisor.sim.SimHosts;
import xm.reconcile.Engine;

/**
 * Chooses the backends a command talks to; the one place that knows about implementations. A
 * command acts on the host named by {@code --host} or {@code XM_HOST} (default {@code localhost});
 * hosts are reached through one {@link HostFactory} per process, which opens each host once.
 */
public final class Backends {
  private final Env env;
  private final String hostOption;
  private SimHostFactory sim;
  private HostFactory factory;

  Backends(Env env, String hostOption) {
    this.env = env;
    this.hostOption = hostOption;
  }

  /** Whether the user named the host (--host or XM_HOST) rather than taking the default. */
  public boolean hostChosen() {
    String h = env.var("XM_HOST");
    String c = env.var("XM_CONNECT");
    return hostOption != null || (h != null && !h.isBlank()) || (c != null && !c.isBlank());
  }

  /**
   * The name of the host commands act on: --host/-c, else XM_CONNECT (a libvirt URI), else XM_HOST,
   * else localhost.
   */
  public String hostName() {
    if (hostOption != null) {
      return hostOption;
    }
    String c = env.var("XM_CONNECT");
    if (c != null && !c.isBlank()) {
      return c;
    }
    String h = env.var("XM_HOST");
    return h == null || h.isBlank() ? SimHosts.DEFAULT_HOST : h;
  }

  /**
   * The host's name when the command was pointed at a host other than the default one (with {@code
   * --host} or {@code XM_HOST}), else null: what a spec it writes should put in metadata.host.
   */
  public String nonDefaultHost() {
    String h = hostName();
    return SimHosts.DEFAULT_HOST.equals(h) ? null : h;
  }

  /** {@code XM_HOME}: where xm keeps its hosts and its own state. */
  public java.nio.file.Path home() {
    return env.cwd().resolve(SimHosts.homeFrom(env.vars()));
  }

  /** The simulated hosts of {@code XM_HOME} (for xm host). */
  public SimHosts simHosts() {
    return simFactory().hosts();
  }

  private SimHostFactory simFactory() {
    if (sim == null) {
      LockWait wait =
          new LockWait(
              lockTimeout(),
              line -> {
                env.err().println(line);
                env.err().flush();
              });
      sim =
          new SimHostFactory(new SimHosts(env.cwd().resolve(SimHosts.homeFrom(env.vars())), wait));
    }
    return sim;
  }

  /**
   * How long to wait for a host's lock: {@code XM_LOCK_TIMEOUT} (a duration such as {@code 30s},
   * {@code 2m} or {@code 1500ms}; a bare number is seconds; {@code 0}: do not wait), by default
   * {@link LockWait#DEFAULT_TIMEOUT}.
   */
  public Duration lockTimeout() {
    String v = env.var(LockWait.KNOB);
    if (v == null || v.isBlank()) {
      return LockWait.DEFAULT_TIMEOUT;
    }
    try {
      return Durations.atMost(v, LockWait.MAX_TIMEOUT);
    } catch (UsageException malformed) {
      throw XmException.badInput(
          "Invalid "
              + LockWait.KNOB
              + " '"
              + SafeText.oneLine(v)
              + "': use a duration such as 30s, 2m or 1500ms, or 0 not to wait");
    }
  }

  /** Every host, by address. */
  public HostFactory factory() {
    if (factory == null) {
      factory =
          new HostRouter(
              simFactory(),
              () ->
                  new xm.hypervisor.libvirt.LibvirtHostFactory(
                      env.cwd().resolve(SimHosts.homeFrom(env.vars()))));
    }
    return factory;
  }

  /** The reconcile engine on these hosts and the system clock. */
  public Engine engine() {
    return new Engine(factory(), Clock.systemDefaultZone());
  }

  Hypervisor open() {
    return factory().open(hostName());
  }
}
