package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.diag.XmException;
import xm.hypervisor.CreateOptions;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.PowerState;
import xm.hypervisor.ShutdownMode;

/** xend's lifecycle support on the embedded host: xm new, start, suspend, resume, delete. */
class DefinedDomainsTest {
  @TempDir Path home;
  @TempDir Path saves;

  private static DomainInfo define(SimHost h, String name, long mib) {
    return h.define(TestHosts.config(name, mib), CreateOptions.plain(false), "t");
  }

  @Test
  void a_defined_domain_is_listed_halted_without_an_id_and_holds_no_memory() {
    SimHost h = TestHosts.manual(home, "h", 1024);
    long free = h.info().freeMemoryMiB();
    DomainInfo d = define(h, "m", 256);
    assertNull(d.id());
    assertEquals(PowerState.HALTED, d.power());
    assertTrue(d.persistent());
    assertEquals(free, h.info().freeMemoryMiB(), "a definition takes no memory");
    assertEquals(PowerState.HALTED, h.domain("m").power());
    assertEquals(2, h.domains().size());
  }

  @Test
  void start_boots_it_under_a_new_id_and_a_shutdown_leaves_it_defined() {
    SimHost h = TestHosts.manual(home, "h", 1024);
    String uuid = define(h, "m", 256).uuid();
    DomainInfo run = h.start("m", false, "t");
    assertNotNull(run.id());
    assertEquals(uuid, run.uuid(), "the domain keeps its uuid");
    assertEquals(512 - 256, h.info().freeMemoryMiB());
    h.shutdown("m", ShutdownMode.POWEROFF, "t");
    h.advance(Duration.ofMinutes(1), "t");
    assertEquals(PowerState.HALTED, h.domain("m").power(), "shut down, it stays defined");
    assertEquals(512, h.info().freeMemoryMiB());
    int second = h.start("m", true, "t").id();
    assertTrue(second > run.id(), "ids are never reused");
    assertEquals(PowerState.PAUSED, h.domain("m").power());
    h.destroy("m", "t");
    assertEquals(PowerState.HALTED, h.domain("m").power(), "destroyed, it stays defined");
  }

  @Test
  void names_are_unique_across_running_and_defined_domains() {
    SimHost h = TestHosts.manual(home, "h", 1024);
    define(h, "m", 64);
    assertEquals(
        "VM name 'm' already exists",
        assertThrows(XmException.class, () -> define(h, "m", 64)).getMessage());
    assertTrue(
        assertThrows(XmException.class, () -> h.create(TestHosts.config("m", 64), false, "t"))
            .getMessage()
            .startsWith("VM name 'm' already exists: it is defined and halted"));
    h.create(TestHosts.config("r", 64), false, "t");
    assertEquals(
        "VM name 'r' already exists as domain 1",
        assertThrows(XmException.class, () -> define(h, "r", 64)).getMessage());
  }

  @Test
  void start_and_delete_refuse_what_is_not_halted() {
    SimHost h = TestHosts.manual(home, "h", 1024);
    define(h, "m", 64);
    h.start("m", false, "t");
    assertEquals(
        "Domain is already running",
        assertThrows(XmException.class, () -> h.start("m", false, "t")).getMessage());
    assertEquals(
        "Domain is not halted.",
        assertThrows(XmException.class, () -> h.delete("m", "t")).getMessage());
    h.destroy("m", "t");
    h.delete("m", "t");
    assertThrows(XmException.class, () -> h.domain("m"));
  }

  @Test
  void suspend_keeps_a_checkpoint_and_resume_continues_from_it() {
    SimHost h = TestHosts.manual(home, "h", 1024);
    define(h, "m", 128);
    h.start("m", false, "t");
    h.advance(Duration.ofSeconds(100), "t");
    double cpu = h.domain("m").cpuTimeSec();
    assertTrue(cpu > 0);
    h.suspend("m", "t");
    DomainInfo s = h.domain("m");
    assertEquals(PowerState.SUSPENDED, s.power());
    assertNull(s.id());
    assertEquals(512, h.info().freeMemoryMiB(), "a suspended domain holds no memory");
    assertEquals(
        "Domain is not halted. (It is suspended: xm resume it first.)",
        assertThrows(XmException.class, () -> h.delete("m", "t")).getMessage());
    Path checkpoint = h.dir().resolve("checkpoints").resolve(s.uuid() + ".chk");
    assertTrue(Files.isRegularFile(checkpoint));
    DomainInfo r = h.resume("m", false, "t");
    assertEquals(cpu, r.cpuTimeSec(), 1e-9, "it continues with the CPU time it had");
    assertEquals(PowerState.RUNNING, r.power());
    assertFalse(Files.exists(checkpoint), "the checkpoint is used once");
    assertTrue(
        assertThrows(XmException.class, () -> h.resume("m", false, "t"))
            .getMessage()
            .startsWith("Error occurred when resuming:"));
  }

  @Test
  void suspend_refuses_domain0_domains_not_running_and_domains_xend_does_not_manage() {
    SimHost h = TestHosts.manual(home, "h", 1024);
    h.create(TestHosts.config("plain", 64), false, "t");
    define(h, "m", 64);
    assertEquals(
        "Cannot suspend privileged domain Domain-0",
        assertThrows(XmException.class, () -> h.suspend("Domain-0", "t")).getMessage());
    assertEquals(
        "Domain is not running",
        assertThrows(XmException.class, () -> h.suspend("m", "t")).getMessage());
    assertEquals(
        "Domain is not managed by Xend lifecycle support.",
        assertThrows(XmException.class, () -> h.suspend("plain", "t")).getMessage());
  }

  @Test
  void definitions_survive_a_restart_of_xm_and_a_reboot_of_the_host() {
    SimHost h = TestHosts.manual(home, "h", 1024);
    define(h, "halted", 64);
    define(h, "sleeper", 64);
    define(h, "runner", 64);
    h.start("sleeper", false, "t");
    h.suspend("sleeper", "t");
    h.start("runner", false, "t");
    SimHost again = new SimHosts(home).open("h"); // read back from the files
    assertEquals(PowerState.HALTED, again.domain("halted").power());
    assertEquals(PowerState.SUSPENDED, again.domain("sleeper").power());
    assertEquals(PowerState.RUNNING, again.domain("runner").power());
    again.reboot(true, "t");
    assertEquals(
        PowerState.HALTED,
        again.domain("runner").power(),
        "a host reboot powers it off; it stays defined");
    assertEquals(PowerState.SUSPENDED, again.domain("sleeper").power());
    again.checkpointNow(); // the state rewritten whole reads back the same
    assertEquals(4, new SimHosts(home).open("h").domains().size());
  }

  @Test
  void values_set_while_halted_apply_at_start() {
    SimHost h = TestHosts.manual(home, "h", 1024);
    h.define(TestHosts.config("m", 128, 256, 2, 4), CreateOptions.plain(false), "t");
    h.setMemory("m", 200, "t");
    h.setVcpus("m", 3, "t");
    h.schedCredit("m", 512, 50, "t");
    DomainInfo run = h.start("m", false, "t");
    assertEquals(200, run.memoryMiB());
    assertEquals(3, run.onlineVcpus());
    assertEquals(512, run.sched().weight());
    assertEquals(50, run.sched().cap());
  }

  @Test
  void a_saved_defined_domain_stays_defined_and_restores_into_its_definition() {
    SimHost h = TestHosts.manual(home, "h", 1024);
    define(h, "m", 64);
    h.start("m", false, "t");
    Path file = saves.resolve("m.save");
    h.save("m", file, "t");
    assertEquals(PowerState.HALTED, h.domain("m").power());
    DomainInfo r = h.restore(file, false, "t");
    assertTrue(r.persistent());
    assertEquals(2, h.domains().size(), "one domain m, running again");
  }

  @Test
  void a_suspended_domain_whose_checkpoint_is_gone_can_be_deleted_and_says_why_it_cannot_resume()
      throws Exception {
    SimHost h = TestHosts.manual(home, "h", 1024);
    define(h, "m", 64);
    h.start("m", false, "t");
    h.suspend("m", "t");
    assertTrue(
        assertThrows(XmException.class, () -> h.delete("m", "t"))
            .getMessage()
            .startsWith("Domain is not halted."),
        "its checkpoint holds the guest: resume first");
    String uuid = h.domain("m").uuid();
    Files.delete(h.dir().resolve("checkpoints").resolve(uuid + ".chk"));
    assertTrue(
        assertThrows(XmException.class, () -> h.resume("m", false, "t"))
            .getMessage()
            .contains("is gone; the guest's memory is lost with it (xm delete m removes"));
    h.delete("m", "t");
    assertThrows(XmException.class, () -> h.domain("m"));
  }

  @Test
  void a_save_file_restored_after_its_definition_was_deleted_is_not_defined_again() {
    SimHost h = TestHosts.manual(home, "h", 1024);
    define(h, "m", 64);
    h.start("m", false, "t");
    Path file = saves.resolve("m.save");
    h.save("m", file, "t");
    h.delete("m", "t");
    assertFalse(h.restore(file, false, "t").persistent(), "xm delete said: no longer managed");
    h.destroy("m", "t");
    assertThrows(XmException.class, () -> h.domain("m"));
  }

  @Test
  void a_state_file_cannot_make_domain0_or_an_unmanaged_domain_inactive() {
    String dom0 =
        "(xm-state (format 1) (next_domid 2) (domain (domid 0) (uuid 00000000-0000-0000-0000-000000000000)"
            + " (persistent 1) (config (name Domain-0) (memory 512) (maxmem 512) (vcpus 1) (maxvcpus 1))))";
    XmException e = assertThrows(XmException.class, () -> StateCodec.read("state.sxp", dom0));
    assertTrue(e.getMessage().contains("Domain-0 is not a persistent domain"), e.getMessage());
    String loose =
        "(xm-state (format 1) (next_domid 2) (domain (uuid 4b9de9ed-2063-35ce-93fc-6b44a2e8fcf3) (inactive halted)"
            + " (config (name m) (memory 64) (maxmem 64) (vcpus 1) (maxvcpus 1))))";
    e = assertThrows(XmException.class, () -> StateCodec.read("state.sxp", loose));
    assertTrue(e.getMessage().contains("only a persistent domain"), e.getMessage());
    String head =
        "(xm-state (format 1) (next_domid 2) (domain (domid 0) (uuid 00000000-0000-0000-0000-000000000000)"
            + " (config (name Domain-0) (memory 512) (maxmem 512) (vcpus 1) (maxvcpus 1)))"
            + " (domain (uuid 4b9de9ed-2063-35ce-93fc-6b44a2e8fcf3) (persistent 1) ";
    String cfg = " (config (name m) (memory 64) (maxmem 64) (vcpus 1) (maxvcpus 1))))";
    for (String[] bad :
        new String[][] {
          {"(inactive halted) (inactive suspended)", "(inactive ...) is given twice"},
          {"(inactive halted) (paused 1)", "an inactive domain has no (paused ...)"},
          {
            "(inactive halted) (pci (dev (bdf 0000:00:19.0)))",
            "an inactive domain has no (pci ...)"
          },
        }) {
      e = assertThrows(XmException.class, () -> StateCodec.read("state.sxp", head + bad[0] + cfg));
      assertTrue(
          e.getMessage().startsWith("state.sxp:1:") && e.getMessage().contains(bad[1]),
          e.getMessage());
    }
    String otherUuid =
        head
            + "(inactive halted) (config (name m) (uuid 5b9de9ed-2063-35ce-93fc-6b44a2e8fcf3)"
            + " (memory 64) (maxmem 64) (vcpus 1) (maxvcpus 1))))";
    e = assertThrows(XmException.class, () -> StateCodec.read("state.sxp", otherUuid));
    assertTrue(e.getMessage().contains("is not its config's"), e.getMessage());
  }
}
