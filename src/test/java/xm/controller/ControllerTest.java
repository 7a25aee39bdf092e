package xm.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.diag.XmException;
import xm.hypervisor.HostFactory;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.sim.SimHostFactory;
import xm.hypervisor.sim.SimHosts;
import xm.plan.PlanOptions;
import xm.reconcile.Engine;
import xm.testing.DelegatingHostFactory;
import xm.testing.Xm;

/**
 * The loop's behaviour on embedded hosts with manual clocks, pass by pass (a pass is asked for
 * directly, as the scheduler's job asks for it): drift made by an imperative command is healed; a
 * held override is left alone until it expires; a failing host fails alone, backs off and recovers;
 * a spec error is reported and tried again only when the specs change; a commit to a git repository
 * is applied; an unmanaged domain is never touched and prune happens only when asked.
 */
class ControllerTest {
  static final String WEB =
      "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: web1}\nspec: {kernel: /boot/vmlinuz, memory: 128, maxmem: 256}\n";
  static final String DB =
      "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: db1, host: xen-b}\nspec: {kernel: /boot/vmlinuz, memory: 64}\n";

  @TempDir Path dir;
  Xm xm;
  Path specs;
  List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
  Controller c;

  @BeforeEach
  void hosts() throws Exception {
    xm = new Xm(dir.resolve("home"), dir);
    assertEquals(0, xm.run("host", "init", "--clock", "manual").code());
    assertEquals(0, xm.run("host", "init", "--clock", "manual", "xen-b").code());
    specs = Files.createDirectories(dir.resolve("specs"));
    Files.writeString(specs.resolve("web.yaml"), WEB);
    Files.writeString(specs.resolve("db.yaml"), DB);
  }

  @AfterEach
  void stop() {
    if (c != null) {
      c.close();
    }
  }

  /** Hosts named here do not answer (a libvirtd that is down, a host off the network). */
  final Set<String> down = java.util.concurrent.ConcurrentHashMap.newKeySet();

  Controller controller(SpecFeed feed, boolean prune) {
    HostFactory hosts =
        new DelegatingHostFactory(new SimHostFactory(new SimHosts(dir.resolve("home")))) {
          @Override
          public Hypervisor open(String address) {
            if (down.contains(address)) {
              throw XmException.error("Unable to connect to " + address + ": connection refused");
            }
            return super.open(address);
          }
        };
    Engine engine = new Engine(hosts, Clock.systemUTC());
    Controller.Options o =
        new Controller.Options(
            new PlanOptions(prune, false, false, "localhost", "default", Set.of()),
            Duration.ofSeconds(30),
            Duration.ofSeconds(2),
            Duration.ofMinutes(5),
            2,
            4,
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            "xm controller run",
            null,
            "test-1");
    c =
        new Controller(
            engine,
            o,
            feed,
            lines::add,
            new StatusFile(dir.resolve("home/controller"), "test-1"),
            new Backoff(Duration.ofMinutes(5), new Random(7)));
    c.poll();
    return c;
  }

  /**
   * Reads the directory twice, as two polls do: a change becomes the revision once two reads agree.
   */
  boolean settle() {
    boolean first = c.poll();
    return c.poll() || first;
  }

  Controller controller() {
    return controller(new DirFeed(specs, "specs"), false);
  }

  String memoryOf(String host, String domain) {
    String list = xm.run("-H", host, "list", domain).out();
    return list.lines()
        .filter(l -> l.startsWith(domain + " "))
        .findFirst()
        .orElseThrow()
        .trim()
        .split("\\s+")[2];
  }

  @Test
  void driftMadeByAnImperativeCommandIsHealedByTheNextPassOfItsHost() {
    controller();
    assertEquals("healed", c.pass("localhost").result());
    assertEquals("healed", c.pass("xen-b").result());
    assertEquals("converged", c.pass("localhost").result());
    assertEquals(0, xm.run("mem-set", "web1", "200").code());
    HostStatus healed = c.pass("localhost");
    assertEquals("healed", healed.result(), healed.toString());
    assertEquals(1, healed.drift());
    assertEquals("128", memoryOf("localhost", "web1"));
    assertTrue(
        lines.stream()
            .anyMatch(l -> l.matches(".* localhost: ~ web1: done.*\\[dir:[0-9a-f]{12}\\]")),
        lines.toString());
    assertEquals("converged", c.pass("xen-b").result(), "the other host had nothing to do");
  }

  @Test
  void aHeldOverrideIsLeftAloneUntilItExpiresThenHealed() {
    controller();
    c.pass("localhost");
    assertEquals(0, xm.run("mem-set", "web1", "200", "--hold", "1h").code());
    HostStatus held = c.pass("localhost");
    assertEquals("converged", held.result(), held.toString());
    assertEquals("200", memoryOf("localhost", "web1"));
    assertEquals(1, held.held().size(), held.toString());
    assertTrue(held.held().get(0).startsWith("web1 memory until "), held.held().toString());
    assertEquals(0, xm.run("host", "advance", "2h").code());
    HostStatus after = c.pass("localhost");
    assertEquals("healed", after.result(), after.toString());
    assertEquals("128", memoryOf("localhost", "web1"));
    assertTrue(after.held().isEmpty());
  }

  @Test
  void aFailingHostFailsAloneBacksOffAndRecovers() throws Exception {
    controller();
    c.pass("localhost");
    c.pass("xen-b");
    down.add("xen-b");
    assertEquals(0, xm.run("mem-set", "web1", "200").code());
    HostStatus failed = c.pass("xen-b");
    assertEquals("failed", failed.result());
    assertEquals(1, failed.failures());
    assertTrue(failed.message().contains("Unable to connect to xen-b"), failed.message());
    assertEquals(2, c.pass("xen-b").failures(), "consecutive failures are counted");
    HostStatus other = c.pass("localhost");
    assertEquals(
        "healed", other.result(), "a host that is down does not hold up the others: " + other);
    assertTrue(other.message().contains("not reachable: xen-b"), other.message());
    down.remove("xen-b");
    HostStatus back = c.pass("xen-b");
    assertEquals("converged", back.result(), back.toString());
    assertEquals(0, back.failures());
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("xen-b: pass failed (2 in a row)")),
        lines.toString());
  }

  @Test
  void aDomainLastSeenOnAHostThatIsDownIsNotStartedAgainElsewhere() throws Exception {
    controller();
    c.pass("localhost");
    c.pass("xen-b");
    // db1 moves to localhost in the specs while xen-b, where it runs, cannot be read
    Files.writeString(specs.resolve("db.yaml"), DB.replace(", host: xen-b", ""));
    down.add("xen-b");
    settle();
    c.pass("localhost");
    assertFalse(
        xm.run("list").out().contains("db1 "),
        "never a second copy while its host cannot be seen"
            + lines
            + xm.run("list").out()
            + xm.run("-H", "xen-b", "list").out());
    down.remove("xen-b");
    c.pass("localhost");
    assertTrue(xm.run("list").out().contains("db1 "), "moved once its host answers again");
    assertFalse(xm.run("-H", "xen-b", "list").out().contains("db1 "), "moved, not copied");
  }

  @Test
  void aSpecErrorIsReportedAndTriedAgainOnlyWhenTheSpecsChange() throws Exception {
    controller();
    c.pass("localhost");
    Files.writeString(specs.resolve("web.yaml"), WEB.replace("memory: 128", "memory: lots"));
    assertTrue(settle());
    HostStatus refused = c.pass("localhost");
    assertEquals("refused", refused.result());
    assertTrue(refused.message().contains("web.yaml:4:"), refused.message());
    assertNotNull(c.health());
    assertTrue(c.health().contains("is refused"), c.health());
    assertFalse(c.poll(), "the same text is the same revision");
    Files.writeString(specs.resolve("web.yaml"), WEB.replace("memory: 128", "memory: 160"));
    assertTrue(settle());
    assertNull(c.health());
    assertEquals("healed", c.pass("localhost").result());
    assertEquals("160", memoryOf("localhost", "web1"));
  }

  @Test
  void aRefusedPlanIsNotTriedAgainUntilTheSpecsChange() throws Exception {
    controller();
    Files.writeString(
        specs.resolve("web.yaml"),
        WEB.replace("memory: 128, maxmem: 256", "memory: 9000, maxmem: 9000"));
    settle();
    HostStatus refused = c.pass("localhost");
    assertEquals("refused", refused.result(), refused.toString());
    String at = refused.lastPass();
    assertEquals(at, c.pass("localhost").lastPass(), "not planned again at the same revision");
    Files.writeString(specs.resolve("web.yaml"), WEB);
    settle();
    assertEquals("healed", c.pass("localhost").result());
  }

  @Test
  void aCommitPushedToTheGitRepositoryIsAppliedByTheNextPass() throws Exception {
    Path origin = Files.createDirectories(dir.resolve("origin"));
    try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
      Files.createDirectories(origin.resolve("fleet"));
      Files.writeString(origin.resolve("fleet/web.yaml"), WEB);
      git.add().addFilepattern("fleet").call();
      String first =
          git.commit()
              .setMessage("web1")
              .setAuthor("t", "t@example.org")
              .setCommitter("t", "t@example.org")
              .call()
              .getId()
              .abbreviate(12)
              .name();
      controller(
          new GitFeed(
              origin.toUri().toString(), "main", "fleet", dir.resolve("home/controller/git")),
          false);
      assertEquals(first, c.revision());
      assertEquals("healed", c.pass("localhost").result());
      Files.writeString(
          origin.resolve("fleet/web.yaml"), WEB.replace("memory: 128", "memory: 192"));
      git.add().addFilepattern("fleet").call();
      String second =
          git.commit()
              .setMessage("more memory")
              .setAuthor("t", "t@example.org")
              .setCommitter("t", "t@example.org")
              .call()
              .getId()
              .abbreviate(12)
              .name();
      assertTrue(c.poll());
      assertEquals(second, c.revision());
      HostStatus s = c.pass("localhost");
      assertEquals(second, s.revision());
      assertEquals("192", memoryOf("localhost", "web1"));
      assertTrue(
          lines.stream().anyMatch(l -> l.contains("web1: done") && l.endsWith("[" + second + "]")),
          lines.toString());
    }
  }

  @Test
  void aDirectoryCaughtHalfWayThroughAChangeIsNotApplied() throws Exception {
    controller();
    String first = c.revision();
    Files.writeString(specs.resolve("web.yaml"), WEB.replace("memory: 128", "memory: 160"));
    assertFalse(c.poll(), "one read of a new state: it may be half-made");
    assertEquals(first, c.revision());
    Files.writeString(specs.resolve("web.yaml"), WEB.replace("memory: 128", "memory: 192"));
    assertFalse(c.poll(), "it moved again");
    assertTrue(c.poll(), "two reads agree: the new revision");
  }

  @Test
  void aSpecFileTooLargeIsRefusedByItsSizeBeforeItIsRead() throws Exception {
    controller();
    try (java.io.RandomAccessFile f =
        new java.io.RandomAccessFile(specs.resolve("zz-huge.yaml").toFile(), "rw")) {
      f.setLength(3L << 30); // sparse: 3 GiB that a read would try to hold
    }
    assertFalse(c.poll());
    assertTrue(
        c.health().contains("zz-huge.yaml is 3072 MiB, more than the 16 MiB a spec file may be"),
        c.health());
    Files.delete(specs.resolve("zz-huge.yaml"));
    c.poll();
    assertNull(c.health(), "it reads again once the file is gone");
  }

  @Test
  void aControllerStartsWhileItsSourceCannotBeReadAndAppliesNothingUntilItCan() throws Exception {
    Path missing = dir.resolve("not-yet");
    controller(new DirFeed(missing, "not-yet"), false);
    assertNull(c.revision());
    assertTrue(c.health().contains("the spec directory not-yet does not exist"), c.health());
    assertEquals("failed", c.pass("localhost").result());
    Files.createDirectories(missing);
    Files.writeString(missing.resolve("web.yaml"), WEB);
    c.poll();
    assertEquals("healed", c.pass("localhost").result());
  }

  @Test
  void aGitSourceThatCannotBeReadIsOneLineWithoutItsPassword() {
    GitFeed feed =
        new GitFeed("http://user:s3cret@127.0.0.1:9/fleet.git", "main", "", dir.resolve("git"));
    xm.diag.XmException e =
        org.junit.jupiter.api.Assertions.assertThrows(xm.diag.XmException.class, feed::poll);
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(
        e.getMessage().startsWith("git: cannot follow http://***@127.0.0.1:9/fleet.git (main): "),
        e.getMessage());
    assertEquals("http://***@127.0.0.1:9/fleet.git (main)", feed.describe());
  }

  @Test
  void anUnmanagedDomainIsNeverTouchedAndPruneOnlyWhenAsked() throws Exception {
    controller();
    c.pass("localhost");
    Path cfg =
        Files.writeString(
            dir.resolve("hand.cfg"), "name = 'hand'\nkernel = '/boot/k'\nmemory = 64\n");
    assertEquals(0, xm.run("create", cfg.toString()).code());
    Files.delete(specs.resolve("web.yaml"));
    settle();
    assertEquals("converged", c.pass("localhost").result());
    String list = xm.run("list").out();
    assertTrue(list.contains("web1 ") && list.contains("hand "), list);
    c.close();
    controller(new DirFeed(specs, "specs"), true);
    c.pass("localhost");
    list = xm.run("list").out();
    assertFalse(list.contains("web1 "), list);
    assertTrue(list.contains("hand "), "made by hand: never touched, even when pruning\n" + list);
  }

  @Test
  void passesOfTwoHostsRunSideBySideOnTheLabeledExampleFleet() throws Exception {
    Path fleet = Files.createDirectories(dir.resolve("fleet"));
    try (var files = Files.list(Path.of("specs"))) {
      for (Path f : files.toList()) {
        Files.copy(f, fleet.resolve(f.getFileName()));
      }
    }
    controller(new DirFeed(fleet, "fleet"), false);
    java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 2; round++) {
        var a = two.submit(() -> c.pass("localhost"));
        var b = two.submit(() -> c.pass("xen-b"));
        for (HostStatus s : List.of(a.get(), b.get())) {
          assertFalse(s.message().contains("internal error"), s.toString());
          assertTrue(s.result().equals("healed") || s.result().equals("converged"), s.toString());
        }
      }
    } finally {
      two.shutdownNow();
    }
    assertEquals(0, xm.run("diff", "-f", fleet.toString()).code(), "the fleet converged: " + lines);
  }

  @Test
  void backoffDoublesWithJitterUpToItsCapAndASeedReproducesIt() {
    Backoff a = new Backoff(Duration.ofSeconds(60), new Random(42));
    Backoff b = new Backoff(Duration.ofSeconds(60), new Random(42));
    for (int n = 1; n <= 12; n++) {
      Duration d = a.after(n);
      assertEquals(d, b.after(n), "the same seed, the same delays");
      long base = Math.min(1000L << (n - 1), 60_000);
      assertTrue(
          d.toMillis() >= base / 2 && d.toMillis() <= Math.min(base * 3 / 2, 60_000), n + ": " + d);
    }
    assertEquals(
        Duration.ofSeconds(60),
        new Backoff(Duration.ofSeconds(60), new Random(1))
                    .after(1000)
                    .compareTo(Duration.ofSeconds(60))
                <= 0
            ? Duration.ofSeconds(60)
            : null);
  }
}
