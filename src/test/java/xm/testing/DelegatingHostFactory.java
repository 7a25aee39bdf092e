package xm.testing;

import java.util.List;
import java.util.Optional;
import xm.hypervisor.ApplyLock;
import xm.hypervisor.Capabilities;
import xm.hypervisor.HostFactory;
import xm.hypervisor.HostInfo;
import xm.hypervisor.HostTemplate;
import xm.hypervisor.Hypervisor;

/** A host factory that passes everything on; tests override what they need to break. */
public class DelegatingHostFactory implements HostFactory {
  protected final HostFactory real;

  public DelegatingHostFactory(HostFactory real) {
    this.real = real;
  }

  @Override
  public Hypervisor open(String address) {
    return real.open(address);
  }

  @Override
  public boolean exists(String address) {
    return real.exists(address);
  }

  @Override
  public List<String> inventory() {
    return real.inventory();
  }

  @Override
  public HostInfo prospective(HostTemplate template) {
    return real.prospective(template);
  }

  @Override
  public Capabilities prospectiveCapabilities(HostTemplate template) {
    return real.prospectiveCapabilities(template);
  }

  @Override
  public void create(HostTemplate template, String origin) {
    real.create(template, origin);
  }

  @Override
  public Optional<ApplyLock> tryLockForApply(String address, ApplyLock.Holder holder) {
    return real.tryLockForApply(address, holder);
  }

  @Override
  public Optional<ApplyLock.Holder> applyLockHolder(String address) {
    return real.applyLockHolder(address);
  }
}
