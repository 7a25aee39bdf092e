package xm.hypervisor.contract;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.libvirt.LibvirtAvailable;
import xm.hypervisor.libvirt.LibvirtHostFactory;

/**
 * The contract against a real libvirtd with QEMU ({@code qemu:///system}), with TCG guests that
 * have no disk and no OS (ci/start-libvirtd.sh starts one; skipped, so reported as not run, when
 * none answers). Without a guest OS nothing acknowledges a balloon change or a device detach.
 */
class QemuSystemContractTest extends HypervisorContract {
  static final String URI = "qemu:///system";
  @TempDir Path home;
  Hypervisor host;

  @BeforeEach
  void setUp() {
    Assumptions.assumeTrue(
        LibvirtAvailable.check(),
        "libvirt0 is not installed: the qemu:///system contract is not run");
    try {
      host = new LibvirtHostFactory(home).open(URI);
      host.domains();
    } catch (xm.diag.XmException e) {
      Assumptions.abort(
          "no libvirtd answers on qemu:///system (ci/start-libvirtd.sh starts one): "
              + e.getMessage());
    }
  }

  @Override
  Hypervisor host() {
    return host;
  }

  @Override
  boolean has(Gap capability) {
    return false; // no overcommit accounting, and no guest to acknowledge a balloon change or a
    // detach
  }

  /** An HVM guest with no OS and no network (no bridge is assumed on the machine). */
  @Override
  DomainConfig config(String name, long memory, int vcpus, int maxVcpus) {
    return new DomainConfig(
        name,
        null,
        "hvm",
        "/usr/lib/xen/boot/hvmloader",
        null,
        "",
        memory,
        memory * 2,
        vcpus,
        maxVcpus,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        List.of(),
        null,
        Map.of());
  }
}
