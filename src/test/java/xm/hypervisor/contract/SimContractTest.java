package xm.hypervisor.contract;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.sim.HostSpec;
import xm.hypervisor.sim.SimHosts;

/** The contract against the embedded simulated host. */
class SimContractTest extends HypervisorContract {
  @TempDir Path home;
  Hypervisor host;

  @BeforeEach
  void setUp() {
    host = new SimHosts(home).init(HostSpec.defaults("contract"));
  }

  @Override
  Hypervisor host() {
    return host;
  }

  @Override
  boolean has(Gap capability) {
    return true;
  }
}
