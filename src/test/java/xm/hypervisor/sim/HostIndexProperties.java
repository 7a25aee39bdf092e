package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.diag.XmException;
import xm.hypervisor.ChangeEvent;
import xm.hypervisor.CreateOptions;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.LifecycleAction;
import xm.hypervisor.ShutdownMode;
import xm.hypervisor.VifSpec;

/**
 * The indexes a host keeps with its state (name, uuid, id, memory held, disk and MAC users, pending
 * and migrating domains) and the change events it finds from the domains that changed (issue #8,
 * item 15: an operation must not cost more the more domains a host has) against their oracles:
 * after any sequence of creates, destroys, mem-sets, block and network attaches and detaches, saves
 * and restores, migrations (to another host and back, and in place), pauses, annotations, shutdowns
 * and reboots (restart, rename-restart, preserve) and clock advances, every index equals indexing
 * every domain afresh, and the events of each operation equal what comparing whole snapshots of
 * every domain before and after gives. Every checkpoint is also checked on its own against the full
 * comparison ({@code Tx.checkAgainstFullComparison}).
 */
class HostIndexProperties {
  enum Kind {
    CREATE,
    DESTROY,
    MEM_SET,
    BLOCK_ATTACH,
    BLOCK_DETACH,
    NET_ATTACH,
    NET_DETACH,
    SAVE,
    RESTORE,
    MIGRATE,
    MIGRATE_IN_PLACE,
    PAUSE,
    UNPAUSE,
    ANNOTATE,
    SHUTDOWN,
    REBOOT,
    CRASH,
    ADVANCE
  }

  record Op(Kind kind, int host, int domain, int a, int b) {}

  static final int DOMAINS = 5;

  @Property(tries = 60)
  void indexes_and_change_events_equal_their_full_recomputation(@ForAll("ops") List<Op> ops)
      throws IOException {
    Path home = Files.createTempDirectory("xm-index");
    boolean was = Tx.checkAgainstFullComparison;
    Tx.checkAgainstFullComparison = true;
    try {
      List<String> backends = new ArrayList<>(List.of("phy:ram0", "phy:/dev/ram1"));
      for (int i = 0; i < 2; i++) {
        backends.add("file:" + Files.createFile(home.resolve("disk" + i + ".img")));
      }
      backends.add("tap:aio:" + home.resolve("disk0.img"));
      List<SimHost> hosts =
          List.of(TestHosts.manual(home, "h1", 2048), TestHosts.manual(home, "h2", 1024));
      List<Path> saved = new ArrayList<>();
      int step = 0;
      for (Op op : ops) {
        step++;
        SimHost h = hosts.get(op.host());
        SimHost other = hosts.get(1 - op.host());
        long revision = h.revision();
        Map<String, DomainFacts> before = DomainFacts.snapshot(h.load());
        boolean done;
        try {
          apply(op, h, other, backends, saved, home.resolve("save-" + step));
          done = true;
        } catch (XmException refused) {
          done = false; // refusals are part of the sequence; the properties hold either way
        }
        String where = "step " + step + ": " + op;
        for (SimHost x : hosts) {
          SimState cached = StateCache.get(x.dir());
          if (cached != null) {
            assertTrue(
                cached.indexesMatchDomains(),
                where + ": the indexes of " + x.name() + " equal indexing afresh");
            assertEquals(
                StateCodec.write(x.load()),
                StateCodec.write(cached),
                where + ": " + x.name() + " in memory is what its files hold");
          }
          SimState read = x.load();
          assertTrue(read.indexesMatchDomains(), where + ": a state read afresh is indexed");
        }
        boolean oneCheckpoint =
            op.kind() != Kind.ADVANCE && op.kind() != Kind.MIGRATE && op.kind() != Kind.CRASH;
        if (done && oneCheckpoint && h.revision() == revision + 1) {
          List<ChangeEvent> expected =
              DomainFacts.updateFully(before, h.load(), h.revision(), 0, "x");
          assertEquals(
              normal(expected),
              normal(h.changes(revision)),
              where + ": its events are those of a full comparison");
        }
      }
    } finally {
      Tx.checkAgainstFullComparison = was;
      deleteTree(home);
    }
  }

  private static void apply(
      Op op, SimHost h, SimHost other, List<String> backends, List<Path> saved, Path saveFile) {
    String name = "d" + op.domain();
    switch (op.kind()) {
      case CREATE -> {
        List<DiskSpec> disks =
            op.a() % 3 == 0
                ? List.of()
                : List.of(
                    new DiskSpec(
                        backends.get(op.a() % backends.size()),
                        "xvda",
                        op.b() % 2 == 0 ? "r" : "w",
                        0));
        List<VifSpec> vifs =
            op.b() % 3 == 0
                ? List.of()
                : List.of(
                    new VifSpec(
                        op.b() % 3 == 1
                            ? Map.of()
                            : Map.of("mac", "00:16:3E:00:00:0" + (op.a() % 3))));
        LifecycleAction onReboot =
            List.of(
                    LifecycleAction.RESTART,
                    LifecycleAction.RENAME_RESTART,
                    LifecycleAction.DESTROY)
                .get(op.a() % 3);
        LifecycleAction onPoweroff =
            op.b() % 2 == 0 ? LifecycleAction.PRESERVE : LifecycleAction.DESTROY;
        DomainConfig c =
            new DomainConfig(
                name,
                null,
                "linux",
                "/boot/vmlinuz",
                null,
                "",
                32 + 32L * (op.a() % 4),
                256,
                1,
                2,
                null,
                onPoweroff,
                onReboot,
                LifecycleAction.RENAME_RESTART,
                disks,
                vifs,
                List.of(),
                null,
                Map.of());
        h.create(
            c,
            new CreateOptions(
                op.b() % 4 == 3, op.a() % 2 == 0, Map.of("xm/scope", "s" + op.b() % 2)),
            "p");
      }
      case DESTROY -> h.destroy(name, "p");
      case MEM_SET -> h.setMemory(name, 16 + 40L * (op.a() % 6), "p");
      case BLOCK_ATTACH ->
          h.attachBlock(
              name,
              new DiskSpec(
                  backends.get(op.a() % backends.size()),
                  List.of("xvdb", "xvdc", "xvda").get(op.b() % 3),
                  op.b() % 2 == 0 ? "r" : "w",
                  0),
              "p");
      case BLOCK_DETACH ->
          h.detachBlock(name, List.of("xvdb", "xvdc", "xvda").get(op.b() % 3), false, "p");
      case NET_ATTACH ->
          h.attachNetwork(
              name,
              new VifSpec(
                  op.a() % 2 == 0 ? Map.of() : Map.of("mac", "00:16:3e:00:00:0" + (op.b() % 3))),
              "p");
      case NET_DETACH -> h.detachNetwork(name, Integer.toString(op.a() % 3), false, "p");
      case SAVE -> {
        h.save(name, saveFile, "p");
        saved.add(saveFile);
      }
      case RESTORE -> {
        if (!saved.isEmpty()) {
          Path f = saved.get(op.a() % saved.size());
          h.restore(f, op.b() % 2 == 0, "p");
          saved.remove(f);
        }
      }
      case MIGRATE -> h.migrate(name, other.name(), op.a() % 2 == 0, 0, "p");
      case MIGRATE_IN_PLACE -> h.migrate(name, h.name(), true, 0, "p");
      case PAUSE -> h.pause(name, "p");
      case UNPAUSE -> h.unpause(name, "p");
      case ANNOTATE ->
          h.annotate(
              name,
              op.a() % 3 == 0 ? null : op.a() % 3 == 1,
              Map.of("xm/hold/k" + op.b() % 2, "v" + op.a()),
              "p");
      case SHUTDOWN ->
          h.shutdown(name, op.a() % 2 == 0 ? ShutdownMode.POWEROFF : ShutdownMode.HALT, "p");
      case REBOOT -> h.shutdown(name, ShutdownMode.REBOOT, "p");
      case CRASH -> h.sysrq(name, 'c', "p");
      case ADVANCE -> h.advance(Duration.ofMillis(300L * (1 + op.a() % 5)), "p");
    }
  }

  /**
   * Events without their revision, time and origin, in one order: what the two ways must agree on.
   */
  private static List<String> normal(List<ChangeEvent> events) {
    List<String> out = new ArrayList<>();
    for (ChangeEvent e : events) {
      out.add(
          e.domain() + " " + e.uuid() + " " + e.field() + " " + e.before() + " -> " + e.after());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, DOMAINS - 1),
                Arbitraries.integers().between(0, 11),
                Arbitraries.integers().between(0, 11))
            .as((k, host, d, a, b) -> new Op(k, host < 8 ? 0 : 1, d, a, b));
    Arbitrary<Op> create =
        Combinators.combine(
                Arbitraries.integers().between(0, DOMAINS - 1),
                Arbitraries.integers().between(0, 11),
                Arbitraries.integers().between(0, 11))
            .as((d, a, b) -> new Op(Kind.CREATE, 0, d, a, b));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, create), net.jqwik.api.Tuple.of(7, op))
        .list()
        .ofMinSize(1)
        .ofMaxSize(40);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
