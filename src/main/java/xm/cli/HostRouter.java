package xm.cli;

import java.util.List;
import java.util.Optional;
import xm.hypervisor.ApplyLock;
import xm.hypervisor.Capabilities;
import xm.hypervisor.HostFactory;
import xm.hypervisor.HostInfo;
import xm.hypervisor.HostTemplate;
import xm.hypervisor.Hypervisor;

/**
 * Picks a backend from a host address: a plain name is a simulated host under {@code XM_HOME}; a
 * URI ({@code qemu:///system}, {@code xen:///system}, {@code test:///default}) is a libvirt host.
 * The libvirt backend is made on first use, so commands on simulated hosts never load libvirt's
 * binding (nor need libvirt0).
 */
final class HostRouter implements HostFactory {
  private final HostFactory sim;
  private final java.util.function.Supplier<HostFactory> libvirtMaker;
  private HostFactory libvirt;

  HostRouter(HostFactory sim, java.util.function.Supplier<HostFactory> libvirt) {
    this.sim = sim;
    this.libvirtMaker = libvirt;
  }

  private synchronized HostFactory backend(String address) {
    if (address != null && address.contains("://")) {
      if (libvirt == null) {
        libvirt = libvirtMaker.get();
      }
      return libvirt;
    }
    return sim;
  }

  @Override
  public Hypervisor open(String address) {
    return backend(address).open(address);
  }

  @Override
  public boolean exists(String address) {
    return backend(address).exists(address);
  }

  @Override
  public List<String> inventory() {
    return sim.inventory();
  }

  @Override
  public HostInfo prospective(HostTemplate template) {
    return backend(template.name()).prospective(template);
  }

  @Override
  public Capabilities prospectiveCapabilities(HostTemplate template) {
    return backend(template.name()).prospectiveCapabilities(template);
  }

  @Override
  public void create(HostTemplate template, String origin) {
    backend(template.name()).create(template, origin);
  }

  @Override
  public Optional<ApplyLock> tryLockForApply(String address, ApplyLock.Holder holder) {
    return backend(address).tryLockForApply(address, holder);
  }

  @Override
  public Optional<ApplyLock.Holder> applyLockHolder(String address) {
    return backend(address).applyLockHolder(address);
  }
}
