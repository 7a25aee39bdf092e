package xm.hypervisor.sim;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import xm.hypervisor.DomainConfig;

/** Helpers for tests of the simulated host. */
final class TestHosts {
  private TestHosts() {}

  static SimHost manual(Path home, String name, long memoryMiB) {
    HostSpec d = HostSpec.defaults(name);
    return new SimHosts(home)
        .init(
            new HostSpec(
                name,
                memoryMiB,
                512,
                196,
                4,
                1,
                2400,
                ClockMode.MANUAL,
                1000,
                0,
                d.blockDevices()));
  }

  /**
   * The state file of host {@code name} under {@code home} after folding the journal into it, so
   * that it holds the whole state (for tests that edit it by hand, as a user would).
   */
  static Path wholeStateFile(Path home, String name) {
    new SimHosts(home).open(name).checkpointNow();
    return home.resolve("hosts").resolve(name).resolve(StateStore.STATE_FILE);
  }

  /** The host's whole log as one text (tests' logs are small). */
  static String log(SimHost h) {
    StringBuilder b = new StringBuilder();
    h.log(line -> b.append(line).append('\n'));
    return b.toString();
  }

  static DomainConfig config(String name, long memoryMiB) {
    return config(name, memoryMiB, memoryMiB * 2, 1, 2);
  }

  static DomainConfig config(String name, long memoryMiB, long maxmemMiB, int vcpus, int maxVcpus) {
    return new DomainConfig(
        name,
        null,
        "linux",
        "/boot/vmlinuz",
        null,
        "",
        memoryMiB,
        maxmemMiB,
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
