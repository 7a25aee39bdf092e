package xm.apply;

import xm.hypervisor.Hypervisor;
import xm.spec.HostDoc;

/** How apply reaches hosts by name; the CLI decides which backend that is. */
public interface HostAccess {
  Hypervisor host(String name);

  /** Makes a host a kind: Host document declares (simulated hosts only). */
  void createHost(HostDoc doc);
}
