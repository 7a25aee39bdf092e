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

  /**
   * The host's name when the command was pointed at a host other than the default one (with
   * {@code --host} or {@code XM_HOST}), else null: what a spec it writes should put in
   * metadata.host.
   */
  public String nonDefaultHost() {
    String h = hostName();
    return SimHosts.DEFAULT_HOST.equals(h) ? null : h;
  }

  public SimHosts simHosts() {
    return new SimHosts(env.cwd().resolve(SimHosts.homeFrom(env.vars())));
  }

  Hypervisor open() {
    return simHosts().open(hostName());
  }

  /** Whether a host of that name exists (the default host always can be made). */
  public boolean exists(String name) {
    return SimHosts.DEFAULT_HOST.equals(name) || simHosts().exists(name);
  }

  /** Host access for apply: hosts by name, and making simulated hosts that specs declare. */
  public xm.apply.HostAccess access() {
    SimHosts hosts = simHosts();
    java.util.Map<String, Hypervisor> open = new java.util.concurrent.ConcurrentHashMap<>();
    return new xm.apply.HostAccess() {
      /** Opened once per host: a simulated host is safe to share between threads. */
      @Override
      public Hypervisor host(String name) {
        return open.computeIfAbsent(name, hosts::open);
      }

      @Override
      public void createHost(xm.spec.HostDoc doc) {
        if (hosts.exists(doc.name())) {
          return;
        }
        xm.hypervisor.sim.HostSpec d = xm.hypervisor.sim.HostSpec.defaults(doc.name());
        long total = doc.memoryMiB() != null ? doc.memoryMiB() : d.totalMemoryMiB();
        long dom0 = doc.dom0MemoryMiB() != null ? doc.dom0MemoryMiB() : Math.min(d.dom0MemoryMiB(), total);
        hosts.init(new xm.hypervisor.sim.HostSpec(doc.name(), total, dom0, Math.min(d.dom0MinMemMiB(), dom0),
            doc.cpus() != null ? doc.cpus() : d.nrCpus(), doc.nodes() != null ? doc.nodes() : d.nrNodes(), d.cpuMhz(),
            d.clock(), d.shutdownDelayMs(), d.opLatencyMs(),
            doc.blockDevices() != null ? doc.blockDevices() : d.blockDevices()));
      }
    };
  }
}
