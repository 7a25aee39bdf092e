package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.diag.XmException;
import xm.hypervisor.CreateOptions;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.PowerState;

/**
 * xend's lifecycle support against a model: for any sequence of new, start, destroy, suspend,
 * resume, delete and create over a few names, the host accepts exactly what the model allows, every
 * domain is in the state the model says (running or paused, halted, suspended, or gone), only
 * running domains hold memory, and a host opened afresh from its files (journal and checkpoint)
 * says the same.
 */
class DefinedDomainsProperties {
  static final long MIB = 96;

  /** A domain as the model knows it: persistent (xm new) or not, and where it is. */
  enum State {
    RUNNING,
    HALTED,
    SUSPENDED
  }

  record Known(boolean persistent, State state) {}

  record Op(String kind, String name) {}

  @Property(tries = 80)
  void the_host_follows_xends_lifecycle_rules(@ForAll("ops") List<Op> ops) throws IOException {
    Path home = Files.createTempDirectory("xm-defined");
    try {
      SimHost h = TestHosts.manual(home, "h", 4096);
      long dom0Free = h.info().freeMemoryMiB();
      Map<String, Known> model = new TreeMap<>();
      for (Op op : ops) {
        Known k = model.get(op.name());
        boolean expected =
            switch (op.kind()) {
              case "new", "create" -> k == null;
              case "start", "delete" -> k != null && k.state() == State.HALTED;
              case "destroy" -> k != null && k.state() == State.RUNNING;
              case "suspend" -> k != null && k.persistent() && k.state() == State.RUNNING;
              default -> k != null && k.state() == State.SUSPENDED; // resume
            };
        boolean accepted = true;
        try {
          switch (op.kind()) {
            case "new" ->
                h.define(TestHosts.config(op.name(), MIB), CreateOptions.plain(false), "p");
            case "create" -> h.create(TestHosts.config(op.name(), MIB), false, "p");
            case "start" -> h.start(op.name(), false, "p");
            case "delete" -> h.delete(op.name(), "p");
            case "destroy" -> h.destroy(op.name(), "p");
            case "suspend" -> h.suspend(op.name(), "p");
            default -> h.resume(op.name(), false, "p");
          }
        } catch (XmException refused) {
          accepted = false;
        }
        assertEquals(expected, accepted, op + " with " + model);
        if (accepted) {
          switch (op.kind()) {
            case "new" -> model.put(op.name(), new Known(true, State.HALTED));
            case "create" -> model.put(op.name(), new Known(false, State.RUNNING));
            case "start", "resume" -> model.put(op.name(), new Known(true, State.RUNNING));
            case "delete" -> model.remove(op.name());
            case "destroy" -> {
              if (k.persistent()) {
                model.put(op.name(), new Known(true, State.HALTED));
              } else {
                model.remove(op.name());
              }
            }
            default -> model.put(op.name(), new Known(true, State.SUSPENDED)); // suspend
          }
        }
        check(h, model, dom0Free);
      }
      check(new SimHosts(home).open("h"), model, dom0Free);
    } finally {
      try (var walk = Files.walk(home)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void check(SimHost h, Map<String, Known> model, long dom0Free) {
    Map<String, State> seen = new TreeMap<>();
    long running = 0;
    for (DomainInfo d : h.domains()) {
      if (d.isDomain0()) {
        continue;
      }
      State s =
          d.power() == PowerState.HALTED
              ? State.HALTED
              : d.power() == PowerState.SUSPENDED ? State.SUSPENDED : State.RUNNING;
      assertEquals(s != State.RUNNING, d.id() == null, d.name() + ": an id exactly while it runs");
      seen.put(d.name(), s);
      running += s == State.RUNNING ? MIB : 0;
    }
    Map<String, State> want = new TreeMap<>();
    model.forEach((n, k) -> want.put(n, k.state()));
    assertEquals(want, seen);
    assertEquals(dom0Free - running, h.info().freeMemoryMiB(), "only running domains hold memory");
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<String> kind =
        Arbitraries.of(
            "new", "new", "create", "start", "start", "destroy", "suspend", "suspend", "resume",
            "resume", "delete");
    Arbitrary<String> name = Arbitraries.of("a", "b", "c");
    return Combinators.combine(kind, name).as(Op::new).list().ofMinSize(1).ofMaxSize(30);
  }
}
