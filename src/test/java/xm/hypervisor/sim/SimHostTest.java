package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.diag.XmException;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.LifecycleAction;
import xm.hypervisor.ShutdownMode;

class SimHostTest {
  @TempDir Path home;

  /** Where save files go: outside XM_HOME, which a host refuses to save into. */
  @TempDir Path saves;

  @Test
  void should_never_reuse_an_id_even_after_destroy_and_reboot() {
    SimHost h = TestHosts.manual(home, "h", 4096);
    int a = h.create(TestHosts.config("a", 64), false, "t").id();
    h.destroy("a", "t");
    int b = h.create(TestHosts.config("a", 64), false, "t").id();
    assertNotEquals(a, b);
    h.shutdown("a", ShutdownMode.REBOOT, "t");
    h.advance(Duration.ofSeconds(5), "t");
    int c = h.domain("a").id();
    assertTrue(c > b, "rebooted domain gets a new, higher id");
  }

  @Test
  void should_refuse_a_second_domain_of_the_same_name() {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    XmException e =
        assertThrows(XmException.class, () -> h.create(TestHosts.config("a", 64), false, "t"));
    assertEquals("Domain 'a' already exists with ID '1'", e.getMessage());
  }

  @Test
  void should_account_memory_against_total_including_domain0() {
    SimHost h = TestHosts.manual(home, "h", 1024);
    assertEquals(512, h.info().freeMemoryMiB());
    h.create(TestHosts.config("a", 500), false, "t");
    assertEquals(12, h.info().freeMemoryMiB());
    assertThrows(XmException.class, () -> h.create(TestHosts.config("b", 13), false, "t"));
    assertThrows(XmException.class, () -> h.setMemory("a", 513, "t"));
    h.setMemory("a", 100, "t");
    assertEquals(412, h.info().freeMemoryMiB());
    h.destroy("a", "t");
    assertEquals(512, h.info().freeMemoryMiB());
  }

  @Test
  void should_keep_vcpu_maximum_fixed_at_boot() {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64, 64, 1, 2), false, "t");
    h.setVcpus("a", 2, "t");
    assertEquals(2, h.domain("a").onlineVcpus());
    assertThrows(XmException.class, () -> h.setVcpus("a", 3, "t"));
    assertEquals(2, h.domain("a").vcpus().size());
  }

  @Test
  void shutdown_passes_through_s_then_applies_on_poweroff() {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    h.shutdown("a", ShutdownMode.POWEROFF, "t");
    assertEquals("---s--", h.domain("a").flags().toString());
    h.advance(Duration.ofMillis(999), "t");
    assertEquals("---s--", h.domain("a").flags().toString());
    h.advance(Duration.ofMillis(1), "t");
    assertThrows(XmException.class, () -> h.domain("a"));
  }

  @Test
  void a_read_shows_what_is_due_and_the_next_write_records_it_at_its_due_time() throws Exception {
    HostSpec d = HostSpec.defaults("w");
    SimHost h =
        new SimHosts(home)
            .init(
                new HostSpec(
                    "w", 4096, 512, 196, 4, 1, 2400, ClockMode.WALL, 50, 0, d.blockDevices()));
    h.create(TestHosts.config("a", 64), false, "t");
    long before = h.revision();
    assertEquals(before, h.revision(), "a read with nothing due commits nothing");
    long asked = System.currentTimeMillis();
    h.shutdown("a", ShutdownMode.POWEROFF, "t");
    long answered = System.currentTimeMillis();
    Thread.sleep(300);
    assertTrue(
        h.domains().stream().noneMatch(x -> x.name().equals("a")),
        "the read shows the due shutdown done");
    assertEquals(before + 1, h.revision(), "but writes nothing: reads need no write access");
    assertTrue(
        new SimHosts(home).open("w").domains().stream().noneMatch(x -> x.name().equals("a")),
        "another reader sees the same");
    Thread.sleep(200);
    long written = System.currentTimeMillis();
    h.create(TestHosts.config("b", 64), false, "t");
    List<xm.hypervisor.ChangeEvent> events = h.changes(before + 1);
    xm.hypervisor.ChangeEvent gone =
        events.stream().filter(e -> e.domain().equals("a")).findFirst().orElseThrow();
    assertEquals("domain", gone.field());
    assertEquals(null, gone.origin(), "made by the host itself");
    assertTrue(
        gone.timeMs() >= asked + 50 && gone.timeMs() <= answered + 50 && gone.timeMs() < written,
        "stamped when it fell due (50 ms after the shutdown), not when written ("
            + written
            + "): "
            + gone);
    assertTrue(
        TestHosts.log(h)
            .lines()
            .anyMatch(
                l ->
                    l.contains("Domain a (1) shut down")
                        && l.startsWith(
                            "["
                                + java.time.format.DateTimeFormatter.ofPattern(
                                        "yyyy-MM-dd HH:mm:ss")
                                    .withZone(java.time.ZoneOffset.UTC)
                                    .format(java.time.Instant.ofEpochMilli(gone.timeMs())))),
        TestHosts.log(h));
  }

  @Test
  void await_with_a_manual_clock_moves_time_to_the_next_event() {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    h.shutdown("a", ShutdownMode.POWEROFF, "t");
    boolean gone =
        h.await(ds -> ds.stream().noneMatch(d -> d.name().equals("a")), Duration.ofMinutes(1));
    assertTrue(gone);
    assertEquals(SimHosts.MANUAL_EPOCH_MS + 1000, h.now().toEpochMilli());
    assertFalse(
        h.await(ds -> ds.size() > 5, Duration.ofMinutes(1)), "nothing pending: returns at once");
  }

  @Test
  void cpu_time_advances_only_while_running() {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    h.advance(Duration.ofSeconds(100), "t");
    double running = h.domain("a").cpuTimeSec();
    assertEquals(100 * Lifecycle.GUEST_UTILISATION, running, 1e-9);
    h.pause("a", "t");
    h.advance(Duration.ofSeconds(100), "t");
    assertEquals(running, h.domain("a").cpuTimeSec(), 1e-9);
  }

  @Test
  void save_then_restore_keeps_everything_but_the_id() {
    SimHost h = TestHosts.manual(home, "h", 4096);
    DomainInfo before = h.create(TestHosts.config("a", 256, 512, 2, 4), false, "t");
    h.setVcpus("a", 3, "t");
    Path file = saves.resolve("a.save");
    h.save("a", file, "t");
    assertThrows(XmException.class, () -> h.domain("a"));
    assertEquals(3584 + 0, h.info().freeMemoryMiB());
    DomainInfo after = h.restore(file, false, "t");
    assertEquals(before.uuid(), after.uuid());
    assertEquals(before.config(), after.config());
    assertEquals(3, after.onlineVcpus());
    assertNotEquals(before.id(), after.id());
  }

  @Test
  void rename_restart_keeps_the_old_domain_and_restarts_a_new_one() {
    SimHost h = TestHosts.manual(home, "h", 4096);
    var c = TestHosts.config("a", 64);
    c =
        new xm.hypervisor.DomainConfig(
            c.name(),
            null,
            c.builder(),
            c.kernel(),
            null,
            "",
            64,
            64,
            1,
            1,
            null,
            null,
            null,
            LifecycleAction.RENAME_RESTART,
            List.of(),
            List.of(),
            List.of(),
            null,
            null);
    h.create(c, false, "t");
    h.sysrq("a", 'c', "t");
    List<String> names = h.domains().stream().map(DomainInfo::name).sorted().toList();
    assertEquals(List.of("Domain-0", "a", "a-1"), names);
    assertEquals("----c-", h.domain("a-1").flags().toString());
    assertEquals("-b----", h.domain("a").flags().toString());
  }

  /**
   * Found by HostIndexProperties: the old copy kept its interfaces but not their handles, and the
   * state did not read back.
   */
  @Test
  void a_rename_restarted_domain_with_an_interface_reads_back() {
    SimHost h = TestHosts.manual(home, "h", 4096);
    var c = TestHosts.config("a", 64);
    c =
        new xm.hypervisor.DomainConfig(
            c.name(),
            null,
            c.builder(),
            c.kernel(),
            null,
            "",
            64,
            64,
            1,
            1,
            null,
            null,
            null,
            LifecycleAction.RENAME_RESTART,
            List.of(),
            List.of(new xm.hypervisor.VifSpec(java.util.Map.of())),
            List.of(),
            null,
            null);
    h.create(c, false, "t");
    h.sysrq("a", 'c', "t");
    StateCache.forget(h.dir());
    assertEquals(
        List.of("Domain-0", "a", "a-1"),
        h.domains().stream().map(DomainInfo::name).sorted().toList());
    assertEquals(1, h.domain("a-1").config().vifs().size());
  }

  @Test
  void a_state_file_that_cannot_be_read_is_reported_with_its_position_and_left_alone()
      throws Exception {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    h.checkpointNow();
    Path state = home.resolve("hosts/h/state.sxp");
    String broken = Files.readString(state).replace("(memory 64)", "(memory sixty-four)");
    Files.writeString(state, broken);
    XmException e = assertThrows(XmException.class, () -> h.domains());
    assertEquals(XmException.Kind.UNAVAILABLE, e.kind());
    assertTrue(
        e.getMessage()
            .matches(
                "(?s)Unable to read host state: .*state\\.sxp:\\d+:\\d+: memory must be a whole number, not 'sixty-four'.*"),
        e.getMessage());
    assertThrows(XmException.class, () -> h.create(TestHosts.config("b", 64), false, "t"));
    assertEquals(
        broken, Files.readString(state, StandardCharsets.UTF_8), "never overwritten blindly");
  }

  @Test
  void migration_logs_each_event_once_on_each_host() {
    SimHost a = TestHosts.manual(home, "a", 4096);
    SimHost b = TestHosts.manual(home, "b", 4096);
    a.create(TestHosts.config("web1", 64), false, "t");
    a.migrate("web1", "b", true, 0, "xm migrate web1 b");
    String logA = TestHosts.log(a);
    assertEquals(1, logA.split("Migrating domain web1", -1).length - 1, logA);
    assertEquals(1, logA.split("migrated to b", -1).length - 1, logA);
    assertEquals(
        1, TestHosts.log(b).split("arrived by migration", -1).length - 1, TestHosts.log(b));
    assertTrue(b.console("web1").contains("Migrated to b."));
  }

  @Test
  void a_save_file_stays_after_a_restore_and_restores_again_with_its_pci_device() throws Exception {
    SimHost h =
        new SimHosts(home)
            .init(HostSpec.defaults("p").withPciDevices(java.util.List.of("0000:00:19.0")));
    h.create(TestHosts.config("c", 64), false, "t");
    h.pciAttach("c", xm.hypervisor.PciDevice.parse("00:19.0", null), "t");
    Path file = home.getParent().resolve("c-" + ProcessHandle.current().pid() + ".save");
    try {
      h.save("c", file, "t");
      h.restore(file, false, "t");
      h.destroy("c", "t");
      h.restore(file, false, "t"); // xm restore leaves the file: it can be restored again
      assertEquals("0000:00:19.0", h.pciDevices("c").get(0).bdf());
      assertTrue(h.pciAssignable().isEmpty());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void dump_core_and_rename_never_leave_a_host_it_cannot_read() throws Exception {
    SimHost a = TestHosts.manual(home, "a", 4096);
    a.create(TestHosts.config("web1", 64), false, "t");
    Path state = home.resolve("hosts/a/state.sxp");
    XmException into =
        assertThrows(XmException.class, () -> a.dumpCore("web1", state, false, false, false, "t"));
    assertTrue(into.getMessage().contains("inside XM_HOME"), into.getMessage());
    XmException around =
        assertThrows(
            XmException.class,
            () ->
                a.dumpCore(
                    "web1", home.resolve("dump/../hosts/a/host.sxp"), false, false, false, "t"));
    assertTrue(around.getMessage().contains("inside XM_HOME"), around.getMessage());
    a.dumpCore(
        "web1",
        home.resolve("dump/web1.core"),
        false,
        false,
        false,
        "t"); // xm's own dump directory
    XmException longName =
        assertThrows(XmException.class, () -> a.rename("web1", "n".repeat(5000), "t"));
    assertTrue(longName.getMessage().contains("a name has at most 255"), longName.getMessage());
    assertEquals("web1", new SimHosts(home).open("a").domain("web1").name(), "the host reads back");
  }

  @Test
  void a_migration_to_a_libvirt_host_is_refused_and_the_domain_stays() {
    SimHost a = TestHosts.manual(home, "a", 4096);
    a.create(TestHosts.config("web1", 64), false, "t");
    XmException e =
        assertThrows(XmException.class, () -> a.migrate("web1", "qemu:///system", true, 0, "t"));
    assertEquals(
        "can't migrate web1 from the simulated host 'a' to the libvirt host qemu:///system: a domain moves only"
            + " between hosts of one kind (save it, and restore the file there)",
        e.getMessage());
    assertTrue(a.domain("web1").flags().running() || a.domain("web1").id() != null);
  }

  @Test
  void a_change_made_outside_this_process_is_never_hidden_by_the_state_cache() throws Exception {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    h.setMemory("a", 64, "t");
    h.checkpointNow();
    Path state = home.resolve("hosts/h/state.sxp");
    Files.writeString(state, Files.readString(state).replace("(memory 64)", "(memory 100)"));
    assertEquals(100, h.domain("a").memoryMiB());
    h.setMemory("a", 90, "t");
    assertEquals(90, new SimHosts(home).open("h").domain("a").memoryMiB());
  }

  @Test
  void an_outside_edit_that_keeps_the_file_size_is_not_hidden_by_the_state_cache_either()
      throws Exception {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    h.setMemory("a", 64, "t");
    h.checkpointNow();
    Path state = home.resolve("hosts/h/state.sxp");
    String before = Files.readString(state);
    String edited = before.replace("(memory 64)", "(memory 65)");
    assertEquals(before.length(), edited.length());
    Files.writeString(state, edited);
    assertEquals(65, h.domain("a").memoryMiB());
    h.setMemory("a", 66, "t");
    assertEquals(66, new SimHosts(home).open("h").domain("a").memoryMiB());
  }

  @Test
  void a_failed_operation_leaves_no_trace_in_later_ones() {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    assertThrows(
        XmException.class,
        () ->
            h.tx(
                "t",
                true,
                t -> {
                  t.state.byName("a").config = t.state.byName("a").config.withMemory(99, 128);
                  throw XmException.error("boom");
                }));
    assertEquals(64, h.domain("a").memoryMiB(), "the half-changed in-memory state was dropped");
  }

  @Test
  void a_hand_edited_state_with_duplicate_names_is_refused() throws Exception {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "t");
    h.create(TestHosts.config("b", 64), false, "t");
    h.checkpointNow();
    Path state = home.resolve("hosts/h/state.sxp");
    Files.writeString(state, Files.readString(state).replace("(name b)", "(name a)"));
    XmException e = assertThrows(XmException.class, h::domains);
    assertTrue(e.getMessage().contains("two domains are named 'a'"), e.getMessage());
  }

  /**
   * A reboot restarts domain ids; the journal record that says so is read back by a fresh reader.
   */
  @Test
  void aRebootIsReadBackFromTheJournalWithIdsStartingAgain(
      @org.junit.jupiter.api.io.TempDir Path home) {
    SimHost h = TestHosts.manual(home, "h", 4096);
    h.create(TestHosts.config("a", 64), false, "test");
    h.create(TestHosts.config("b", 64), false, "test");
    h.destroy("a", "test");
    h.reboot(true, "test");
    StateCache.forget(h.dir());
    SimHost again = new SimHosts(home).open("h");
    assertEquals(List.of("Domain-0"), again.domains().stream().map(d -> d.name()).toList());
    assertEquals(1, again.create(TestHosts.config("c", 64), false, "test").id());
    StateCache.forget(h.dir());
    assertEquals(
        List.of("Domain-0", "c"),
        new SimHosts(home).open("h").domains().stream().map(d -> d.name()).toList());
  }
}
