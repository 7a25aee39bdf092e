package xm.hypervisor.contract;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.libvirt.LibvirtAvailable;
import xm.hypervisor.libvirt.LibvirtHostFactory;

/**
 * The contract against libvirt's test:///default driver, in this JVM. Skipped (reported as not run)
 * without libvirt0. The test driver does not account host memory nor hot-plug devices.
 */
class LibvirtTestDriverContractTest extends HypervisorContract {
  @TempDir Path home;
  Hypervisor host;

  @BeforeEach
  void setUp() {
    Assumptions.assumeTrue(
        LibvirtAvailable.check(),
        "libvirt0 is not installed: the test:///default contract is not run");
    host = new LibvirtHostFactory(home).open("test:///default");
  }

  @Override
  Hypervisor host() {
    return host;
  }

  @Override
  boolean has(Gap capability) {
    return capability == Gap.BALLOON; // the test driver neither accounts host memory nor hot-plugs
  }
}
