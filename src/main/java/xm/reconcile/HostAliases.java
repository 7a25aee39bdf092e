package xm.reconcile;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import xm.hypervisor.ApplyLock;
import xm.hypervisor.Capabilities;
import xm.hypervisor.HostFactory;
import xm.hypervisor.HostInfo;
import xm.hypervisor.HostTemplate;
import xm.hypervisor.Hypervisor;
import xm.spec.HostDoc;
import xm.spec.SpecSet;

/**
 * Host names that kind: Host documents give to libvirt URIs ({@code uri:}): the engine reaches such
 * a host by its URI while plans, locks' owners and output keep the name the specs use. A host named
 * so that cannot be reached is an error, never a host to make.
 */
final class HostAliases implements HostFactory {
  private final HostFactory inner;
  private final Map<String, String> uris;

  private HostAliases(HostFactory inner, Map<String, String> uris) {
    this.inner = inner;
    this.uris = Map.copyOf(uris);
  }

  /** The names the specs give to URIs. */
  static Map<String, String> of(SpecSet specs) {
    Map<String, String> out = new TreeMap<>();
    for (HostDoc h : specs.hosts()) {
      if (h.uri() != null) {
        out.put(h.name(), h.uri());
      }
    }
    return out;
  }

  /**
   * {@code hosts} with the names {@code specs} gives to URIs; the same factory when it gives none.
   */
  static HostFactory over(HostFactory hosts, SpecSet specs) {
    Map<String, String> uris = of(specs);
    return uris.isEmpty() || hosts instanceof HostAliases ? hosts : new HostAliases(hosts, uris);
  }

  private String address(String name) {
    return uris.getOrDefault(name, name);
  }

  @Override
  public Hypervisor open(String address) {
    return inner.open(address(address));
  }

  @Override
  public boolean exists(String address) {
    if (uris.containsKey(address)) {
      inner.open(
          uris.get(
              address)); // an unreachable libvirt host is its connection error, not a host to make
      return true;
    }
    return inner.exists(address);
  }

  @Override
  public List<String> inventory() {
    return inner.inventory();
  }

  @Override
  public HostInfo prospective(HostTemplate template) {
    return inner.prospective(template);
  }

  @Override
  public Capabilities prospectiveCapabilities(HostTemplate template) {
    return inner.prospectiveCapabilities(template);
  }

  @Override
  public void create(HostTemplate template, String origin) {
    inner.create(template, origin);
  }

  @Override
  public Optional<ApplyLock> tryLockForApply(String address, ApplyLock.Holder holder) {
    return inner.tryLockForApply(address(address), holder);
  }

  @Override
  public Optional<ApplyLock.Holder> applyLockHolder(String address) {
    return inner.applyLockHolder(address(address));
  }
}
