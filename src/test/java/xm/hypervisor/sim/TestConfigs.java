package xm.hypervisor.sim;

import xm.hypervisor.DomainConfig;

/** Public access to the simulated-host test helpers for tests in other packages. */
public final class TestConfigs {
  private TestConfigs() {}

  public static DomainConfig config(String name, long memoryMiB) {
    return TestHosts.config(name, memoryMiB);
  }
}
