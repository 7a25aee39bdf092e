package xm.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.hypervisor.ApplyLock;
import xm.hypervisor.HostTemplate;
import xm.hypervisor.sim.SimHostFactory;
import xm.hypervisor.sim.SimHosts;
import xm.plan.Action;
import xm.plan.PlanOptions;
import xm.spec.SpecLoader;
import xm.testing.DelegatingHostFactory;
import xm.testing.Xm;

/**
 * Issue #8 item 3 through the CLI: a domain whose spec moves to another host (the host line
 * removed, or the default host changed with XM_HOST) is migrated, never created a second time; diff
 * and prune see it wherever it runs; a second copy found beside the one the spec places is
 * destroyed, and copies that cannot be told apart are refused.
 */
class OneDomainOneHostTest {
  static final String ON_B =
      "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: web1, host: xen-b}\n"
          + "spec: {kernel: /boot/vmlinuz, memory: 64}\n";
  static final String ANYWHERE =
      "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: web1}\n"
          + "spec: {kernel: /boot/vmlinuz, memory: 64}\n";

  @TempDir Path dir;

  Xm xm;

  @BeforeEach
  void twoHosts() {
    xm = new Xm(dir.resolve("home"), dir);
    assertEquals(0, xm.run("host", "init", "--clock", "manual").code());
    assertEquals(0, xm.run("host", "init", "--clock", "manual", "xen-b").code());
  }

  /** The hosts that run a domain named {@code name}. */
  List<String> hostsOf(String name) {
    return List.of("localhost", "xen-b", "xen-c").stream()
        .filter(h -> new SimHosts(dir.resolve("home")).exists(h) || h.equals("localhost"))
        .filter(h -> xm.run("-H", h, "list").out().lines().anyMatch(l -> l.startsWith(name + " ")))
        .toList();
  }

  Xm.Run ok(int code, String... argv) {
    Xm.Run r = xm.run(argv);
    assertEquals(code, r.code(), String.join(" ", argv) + ": " + r);
    return r;
  }

  @Test
  void removing_the_host_line_migrates_the_domain_to_the_default_host() {
    xm.file("web.yaml", ON_B);
    ok(0, "apply", "-f", "web.yaml");
    assertEquals(List.of("xen-b"), hostsOf("web1"));
    xm.file("web.yaml", ANYWHERE);
    Xm.Run diff = ok(2, "diff", "-f", "web.yaml");
    assertTrue(diff.out().contains("> web1  migrate: the spec puts it on localhost"), diff.out());
    assertEquals(
        diff.code(), xm.run("diff", "--prune", "-f", "web.yaml").code(), "diff and --prune agree");
    Xm.Run apply = ok(0, "apply", "--prune", "-f", "web.yaml");
    assertTrue(
        apply.out().contains("1 to migrate") && apply.out().contains("0 to create"), apply.out());
    assertEquals(List.of("localhost"), hostsOf("web1"));
    ok(0, "diff", "--prune", "-f", "web.yaml");
    Xm.Run again = ok(0, "apply", "--prune", "-f", "web.yaml");
    assertTrue(again.out().contains("No changes."), again.out());
  }

  @Test
  void changing_the_default_host_migrates_too() {
    xm.file("web.yaml", ANYWHERE);
    ok(0, "apply", "-f", "web.yaml");
    xm.env("XM_HOST", "xen-b");
    ok(2, "diff", "-f", "web.yaml");
    ok(0, "apply", "-f", "web.yaml");
    assertEquals(List.of("xen-b"), hostsOf("web1"));
    ok(0, "diff", "--prune", "-f", "web.yaml");
    xm.env("XM_HOST", null);
    ok(0, "apply", "-f", "web.yaml");
    assertEquals(List.of("localhost"), hostsOf("web1"));
  }

  @Test
  void a_second_copy_beside_the_placed_one_is_destroyed_and_prune_removes_every_copy() {
    xm.file("web.yaml", ON_B);
    ok(0, "apply", "-f", "web.yaml");
    // the state an older xm left: a second copy on the default host, managed by the same scope
    ok(0, "create", "/dev/null", "name=web1", "kernel=/boot/vmlinuz", "memory=64");
    ok(0, "adopt", "web1");
    assertEquals(List.of("localhost", "xen-b"), hostsOf("web1"));

    Xm.Run diff = ok(2, "diff", "-f", "web.yaml");
    assertTrue(
        diff.out().contains("- web1  destroy: a second copy: the spec places web1 on xen-b"),
        diff.out());
    ok(0, "apply", "-f", "web.yaml");
    assertEquals(List.of("xen-b"), hostsOf("web1"));
    ok(0, "diff", "--prune", "-f", "web.yaml");

    ok(0, "create", "/dev/null", "name=web1", "kernel=/boot/vmlinuz", "memory=64");
    ok(0, "adopt", "web1");
    xm.file(
        "none.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: other}\nspec: {kernel: /k, memory: 32}\n");
    Xm.Run prune = ok(0, "apply", "--prune", "-f", "none.yaml");
    assertTrue(prune.out().contains("2 to destroy"), prune.out());
    assertEquals(List.of(), hostsOf("web1"));
  }

  @Test
  void copies_that_cannot_be_told_apart_or_are_not_ours_refuse_the_plan() {
    assertEquals(0, xm.run("host", "init", "--clock", "manual", "xen-c").code());
    xm.file("web.yaml", ON_B);
    ok(0, "apply", "-f", "web.yaml");
    ok(0, "create", "/dev/null", "name=web1", "kernel=/boot/vmlinuz", "memory=64");
    Xm.Run unmanaged = ok(1, "apply", "-f", "web.yaml");
    assertEquals(
        "Error: web.yaml:1:1: a domain named 'web1' runs on hosts localhost and xen-b and xm does not manage the"
            + " copy on localhost; a name is one domain: destroy or rename the other copy, then apply again",
        unmanaged.error());
    ok(0, "adopt", "web1");
    xm.env("XM_HOST", "xen-c");
    xm.file("web.yaml", ANYWHERE);
    Xm.Run neither = ok(1, "diff", "-f", "web.yaml");
    assertEquals(
        "Error: web.yaml:1:1: a domain named 'web1' runs on hosts localhost and xen-b, and its spec places it"
            + " on xen-c; keep the copy that holds the guest's state and destroy the other (xm -H xen-b destroy web1),"
            + " then apply again to move it",
        neither.error());
    ok(1, "apply", "-f", "web.yaml");
    assertEquals(List.of("localhost", "xen-b"), hostsOf("web1"), "a refused plan changes nothing");
  }

  /**
   * Another apply makes a host (with this scope's domain on it) while this one waits for its locks:
   * once they are held, the engine sees the new host, and moves the domain instead of starting a
   * second copy.
   */
  @Test
  void a_host_made_while_waiting_for_the_locks_is_observed() {
    SimHosts sim = new SimHosts(dir.resolve("home"));
    SimHostFactory real = new SimHostFactory(sim);
    AtomicBoolean madeIt = new AtomicBoolean();
    DelegatingHostFactory racing =
        new DelegatingHostFactory(real) {
          @Override
          public Optional<ApplyLock> tryLockForApply(String address, ApplyLock.Holder holder) {
            if (madeIt.compareAndSet(false, true)) {
              // what the other apply did meanwhile: made xen-c and web1 on it
              real.create(new HostTemplate("xen-c", null, null, null, null, null), "xm apply");
              Engine other = new Engine(real, Clock.systemUTC());
              other.reconcile(
                  SpecLoader.parse("other.yaml", ON_B.replace("xen-b", "xen-c")),
                  settings(),
                  true,
                  EngineListener.NONE);
            }
            return real.tryLockForApply(address, holder);
          }
        };
    Engine engine = new Engine(racing, Clock.systemUTC());
    Result r =
        engine.reconcile(
            SpecLoader.parse("web.yaml", ANYWHERE), settings(), true, EngineListener.NONE);
    assertFalse(r.plan().refused(), r.plan().problems().toString());
    assertEquals(
        List.of(Action.MIGRATE), r.plan().changes().stream().map(c -> c.action()).toList());
    assertEquals(List.of("localhost"), hostsOf("web1"));
  }

  static Settings settings() {
    return new Settings(
        PlanOptions.of(false, false, false, "localhost"),
        4,
        Duration.ofSeconds(5),
        Duration.ZERO,
        "xm apply");
  }
}
