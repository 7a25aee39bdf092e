package xm.hypervisor.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import xm.diag.XmException;
import xm.hypervisor.CreateOptions;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.PowerState;
import xm.hypervisor.VifSpec;

/**
 * The behaviour every backend of the hypervisor port owes the rest of xm, written once and run
 * against each backend (a subclass per backend gives the host and what it cannot do). Domain names
 * are unique per run, since a backend's state may outlive one test (libvirt's test driver lives as
 * long as the process's connection).
 */
abstract class HypervisorContract {
  private static final AtomicInteger N = new AtomicInteger();

  /** The host under test (fresh or shared; the tests clean up the domains they make). */
  abstract Hypervisor host();

  /** What a backend declares it cannot do, so that only those tests are skipped. */
  enum Gap {
    REFUSES_OVERCOMMIT,
    HOTPLUG,
    BALLOON
  }

  abstract boolean has(Gap capability);

  static String unique(String base) {
    return base + N.incrementAndGet() + "p" + ProcessHandle.current().pid();
  }

  /**
   * A guest this backend can start: a paravirtual one by default; a backend may start only HVM ones
   * with no OS.
   */
  DomainConfig config(String name, long memory, int vcpus, int maxVcpus) {
    return new DomainConfig(
        name,
        null,
        "linux",
        "/boot/vmlinuz",
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
        List.of(new VifSpec(Map.of("bridge", "xenbr0"))),
        List.of(),
        null,
        Map.of());
  }

  private DomainInfo find(String name) {
    return host().domains().stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
  }

  @Test
  void aCreatedDomainRunsAsAskedAndIsFoundByNameAndId() {
    String name = unique("c");
    DomainInfo d = host().create(config(name, 64, 1, 2), CreateOptions.plain(false), "contract");
    try {
      assertEquals(name, d.name());
      assertTrue(d.id() != null && d.id() > 0, "a running domain has an id: " + d.id());
      DomainInfo seen = find(name);
      // without a guest's balloon driver a guest holds its maxmem, and the host says so
      assertEquals(has(Gap.BALLOON) ? 64 : 128, seen.memoryMiB());
      assertEquals(1, seen.onlineVcpus());
      assertEquals(PowerState.RUNNING, seen.power());
      assertEquals(name, host().domain(Integer.toString(d.id())).name());
      assertEquals(name, host().domain(d.uuid()).name());
    } finally {
      host().destroy(name, "contract");
    }
  }

  @Test
  void aSecondDomainOfTheSameNameIsRefused() {
    String name = unique("dup");
    host().create(config(name, 32, 1, 1), CreateOptions.plain(false), "contract");
    try {
      assertThrows(
          XmException.class,
          () -> host().create(config(name, 32, 1, 1), CreateOptions.plain(false), "contract"));
      assertEquals(1, host().domains().stream().filter(d -> d.name().equals(name)).count());
    } finally {
      host().destroy(name, "contract");
    }
  }

  @Test
  void memoryAndVcpusChangeLiveWithinTheirLimits() {
    String name = unique("m");
    host().create(config(name, 64, 1, 2), CreateOptions.plain(false), "contract");
    try {
      if (has(Gap.BALLOON)) {
        host().setMemory(name, 96, "contract");
      } else { // nothing in the guest moves the balloon: the change is reported as pending, not as
        // done
        assertThrows(XmException.class, () -> host().setMemory(name, 96, "contract"));
      }
      host().setVcpus(name, 2, "contract");
      DomainInfo d = find(name);
      if (has(Gap.BALLOON)) { // without a guest's balloon driver nothing moves the memory
        assertEquals(96, d.memoryMiB());
      }
      assertEquals(2, d.onlineVcpus());
      assertThrows(XmException.class, () -> host().setVcpus(name, 3, "contract"), "above maxvcpus");
      assertEquals(2, find(name).onlineVcpus(), "a refused change changes nothing");
    } finally {
      host().destroy(name, "contract");
    }
  }

  @Test
  void pauseUnpauseAndDestroy() {
    String name = unique("p");
    host().create(config(name, 32, 1, 1), CreateOptions.plain(false), "contract");
    host().pause(name, "contract");
    assertEquals(PowerState.PAUSED, find(name).power());
    host().unpause(name, "contract");
    assertEquals(PowerState.RUNNING, find(name).power());
    host().destroy(name, "contract");
    assertEquals(null, find(name));
    XmException e = assertThrows(XmException.class, () -> host().domain(name));
    assertEquals(XmException.Kind.NO_SUCH_DOMAIN, e.kind());
  }

  @Test
  void aDomainCreatedPausedIsPaused() {
    String name = unique("cp");
    host().create(config(name, 32, 1, 1), CreateOptions.plain(true), "contract");
    try {
      assertEquals(PowerState.PAUSED, find(name).power());
    } finally {
      host().destroy(name, "contract");
    }
  }

  @Test
  void theManagedMarkerAndAnnotationsAreKeptAndChanged() {
    String managed = unique("mg");
    String plain = unique("pl");
    host()
        .create(
            config(managed, 32, 1, 1),
            new CreateOptions(false, true, Map.of("xm/scope", "prod")),
            "contract");
    host().create(config(plain, 32, 1, 1), CreateOptions.plain(false), "contract");
    try {
      assertTrue(find(managed).managed());
      assertEquals("prod", find(managed).annotations().get("xm/scope"));
      assertFalse(find(plain).managed(), "a domain made by hand is not managed");
      java.util.Map<String, String> change = new java.util.HashMap<>();
      change.put("xm/scope", null);
      change.put("xm/spec", "specs/a.yaml:2");
      host().annotate(managed, null, change, "contract");
      assertEquals(Map.of("xm/spec", "specs/a.yaml:2"), find(managed).annotations());
      assertTrue(find(managed).managed());
    } finally {
      host().destroy(managed, "contract");
      host().destroy(plain, "contract");
    }
  }

  @Test
  void moreMemoryThanTheHostHasIsRefused() {
    Assumptions.assumeTrue(
        has(Gap.REFUSES_OVERCOMMIT), "this backend does not account host memory");
    String name = unique("big");
    long free = host().info().freeMemoryMiB();
    assertThrows(
        XmException.class,
        () -> host().create(config(name, free + 64, 1, 1), CreateOptions.plain(false), "contract"));
    assertEquals(null, find(name));
  }

  @Test
  void aSavedDomainIsGoneUntilRestoredAsItWas(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    String name = unique("s");
    host()
        .create(
            config(name, 48, 1, 2),
            new CreateOptions(false, true, Map.of("xm/scope", "s")),
            "contract");
    java.nio.file.Path file = dir.resolve(name + ".sav");
    host().save(name, file, "contract");
    assertTrue(
        find(name) == null || find(name).id() == null,
        "a saved domain no longer runs (libvirt keeps a"
            + " persistent one's definition, shut off; Xen forgets it)");
    DomainInfo back = host().restore(file, false, "contract");
    try {
      assertEquals(name, back.name());
      assertEquals(has(Gap.BALLOON) ? 48 : 96, find(name).memoryMiB());
      assertEquals(PowerState.RUNNING, find(name).power());
      assertTrue(find(name).managed(), "the managed marker travels in the save file");
    } finally {
      host().destroy(name, "contract");
    }
  }

  @Test
  void aDiskIsAttachedAndDetachedLive(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    Assumptions.assumeTrue(has(Gap.HOTPLUG), "this backend cannot hot-plug devices");
    String name = unique("d");
    host().create(config(name, 32, 1, 1), CreateOptions.plain(false), "contract");
    try {
      java.nio.file.Path img = java.nio.file.Files.write(dir.resolve("d.img"), new byte[4096]);
      host()
          .attachBlock(name, new xm.hypervisor.DiskSpec("file:" + img, "xvdb", "w", 0), "contract");
      assertEquals(1, find(name).blockDevices().size());
      host().detachBlock(name, "xvdb", false, "contract");
      assertEquals(0, find(name).blockDevices().size());
    } finally {
      host().destroy(name, "contract");
    }
  }
}
