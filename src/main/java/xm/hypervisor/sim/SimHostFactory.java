package xm.hypervisor.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import xm.hypervisor.ApplyLock;
import xm.hypervisor.Capabilities;
import xm.hypervisor.HostFactory;
import xm.hypervisor.HostInfo;
import xm.hypervisor.HostTemplate;
import xm.hypervisor.Hypervisor;

/**
 * The simulated hosts of one {@code XM_HOME} as a {@link HostFactory}: a host address is a host
 * name; each host is opened once and shared between threads (a simulated host is thread-safe).
 */
public final class SimHostFactory implements HostFactory {
  private final SimHosts hosts;
  private final Map<String, SimHost> open = new ConcurrentHashMap<>();

  public SimHostFactory(SimHosts hosts) {
    this.hosts = hosts;
  }

  public SimHosts hosts() {
    return hosts;
  }

  @Override
  public Hypervisor open(String address) {
    return open.computeIfAbsent(address, hosts::open);
  }

  @Override
  public boolean exists(String address) {
    return SimHosts.DEFAULT_HOST.equals(address) || hosts.exists(address);
  }

  @Override
  public List<String> inventory() {
    return hosts.names();
  }

  @Override
  public HostInfo prospective(HostTemplate template) {
    HostSpec s = spec(template);
    Map<String, String> f = new LinkedHashMap<>();
    f.put("host", s.name());
    f.put("nr_cpus", Integer.toString(s.nrCpus()));
    f.put("total_memory", Long.toString(s.totalMemoryMiB()));
    f.put("free_memory", Long.toString(s.totalMemoryMiB() - s.dom0MemoryMiB()));
    return new HostInfo(f);
  }

  @Override
  public Capabilities prospectiveCapabilities(HostTemplate template) {
    return SimCapabilities.CAPABILITIES;
  }

  @Override
  public void create(HostTemplate template, String origin) {
    if (!hosts.exists(template.name())) {
      hosts.init(spec(template));
    }
  }

  @Override
  public Optional<ApplyLock> tryLockForApply(String address, ApplyLock.Holder holder) {
    requireValid(address);
    return SimApplyLock.tryAcquire(address, hosts.dirOf(address), holder);
  }

  @Override
  public Optional<ApplyLock.Holder> applyLockHolder(String address) {
    requireValid(address);
    return SimApplyLock.holder(hosts.dirOf(address));
  }

  private static void requireValid(String address) {
    if (!SimHosts.validName(address)) {
      throw xm.diag.XmException.badInput(
          "Invalid host name '" + address + "': use letters, digits, '.', '-' and '_'");
    }
  }

  /** The host a template describes, with this simulator's defaults for what it leaves out. */
  static HostSpec spec(HostTemplate t) {
    HostSpec d = HostSpec.defaults(t.name());
    long total = t.memoryMiB() != null ? t.memoryMiB() : d.totalMemoryMiB();
    long dom0 = t.dom0MemoryMiB() != null ? t.dom0MemoryMiB() : Math.min(d.dom0MemoryMiB(), total);
    return new HostSpec(
        t.name(),
        total,
        dom0,
        Math.min(d.dom0MinMemMiB(), dom0),
        t.cpus() != null ? t.cpus() : d.nrCpus(),
        t.nodes() != null ? t.nodes() : d.nrNodes(),
        d.cpuMhz(),
        d.clock(),
        d.shutdownDelayMs(),
        d.opLatencyMs(),
        t.blockDevices() != null ? t.blockDevices() : d.blockDevices());
  }
}
