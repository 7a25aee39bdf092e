package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.diag.XmException;
import xm.hypervisor.DomainInfo;

/**
 * The simulated host's memory rules against an independent model of Xen's: for any sequence of
 * creates, mem-sets, mem-maxes, destroys, saves and restores, the host accepts exactly the
 * operations the model says fit, and afterwards holds exactly the memory the model says each domain
 * has. (Not "free + allocated = total": the host computes free from allocated, so that would check
 * nothing.)
 */
class MemoryAccountingProperties {
  static final long TOTAL = 2048;
  static final long DOM0 = 512;
  static final long DOM0_MIN = 196;

  record Op(String kind, String name, long mib) {}

  /** What Xen's rules say a domain holds: its memory and its ceiling. */
  record Mem(long memory, long maxmem) {}

  @Property(tries = 80)
  void host_accepts_what_fits_and_holds_what_the_model_says(@ForAll("ops") List<Op> ops)
      throws IOException {
    Path home = Files.createTempDirectory("xm-prop");
    try {
      // the host keeps its state in home/xm; save files go beside it, never inside XM_HOME
      SimHost h = TestHosts.manual(home.resolve("xm"), "h", TOTAL);
      Map<String, Mem> model = new TreeMap<>();
      model.put("Domain-0", new Mem(DOM0, h.domain("Domain-0").maxmemMiB()));
      Map<String, Mem> saved = new HashMap<>();
      for (Op op : ops) {
        boolean expected = predict(op, model, saved);
        boolean accepted = true;
        try {
          switch (op.kind()) {
            case "create" ->
                h.create(TestHosts.config(op.name(), op.mib(), op.mib() * 2, 1, 2), false, "p");
            case "mem-set" -> h.setMemory(op.name(), op.mib(), "p");
            case "mem-max" -> h.setMaxMemory(op.name(), op.mib(), "p");
            case "destroy" -> h.destroy(op.name(), "p");
            case "save" -> h.save(op.name(), home.resolve(op.name() + ".save"), "p");
            case "restore" -> h.restore(home.resolve(op.name() + ".save"), false, "p");
            default -> throw new IllegalStateException(op.kind());
          }
        } catch (XmException | IllegalArgumentException refused) {
          accepted = false;
        }
        assertEquals(expected, accepted, op + " on " + model);
        Map<String, Mem> actual = new TreeMap<>();
        for (DomainInfo d : h.domains()) {
          actual.put(d.name(), new Mem(d.memoryMiB(), d.maxmemMiB()));
        }
        assertEquals(model, actual, "after " + op);
        long free = TOTAL - model.values().stream().mapToLong(Mem::memory).sum();
        assertEquals(free, h.info().freeMemoryMiB(), "free memory after " + op);
      }
    } finally {
      try (Stream<Path> s = Files.walk(home)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Applies {@code op} to the model when Xen's rules allow it; returns whether they do. */
  private static boolean predict(Op op, Map<String, Mem> model, Map<String, Mem> saved) {
    long free = TOTAL - model.values().stream().mapToLong(Mem::memory).sum();
    Mem cur = model.get(op.name());
    boolean dom0 = op.name().equals("Domain-0");
    switch (op.kind()) {
      case "create" -> {
        if (cur != null || op.mib() <= 0 || op.mib() > free) {
          return false;
        }
        model.put(op.name(), new Mem(op.mib(), op.mib() * 2));
        return true;
      }
      case "mem-set" -> {
        if (cur == null
            || op.mib() <= 0
            || op.mib() > cur.maxmem()
            || (dom0 && op.mib() < cur.memory() && op.mib() < DOM0_MIN)
            || (op.mib() > cur.memory() && op.mib() - cur.memory() > free)) {
          return false;
        }
        model.put(op.name(), new Mem(op.mib(), cur.maxmem()));
        return true;
      }
      case "mem-max" -> {
        if (cur == null || op.mib() <= 0 || op.mib() < cur.memory()) {
          return false;
        }
        model.put(op.name(), new Mem(cur.memory(), op.mib()));
        return true;
      }
      case "destroy", "save" -> {
        if (cur == null || dom0) {
          return false;
        }
        model.remove(op.name());
        if (op.kind().equals("save")) {
          saved.put(op.name(), cur);
        }
        return true;
      }
      case "restore" -> {
        Mem s = saved.get(op.name());
        if (s == null || cur != null || s.memory() > free) {
          return false;
        }
        model.put(op.name(), s);
        return true;
      }
      default -> throw new IllegalStateException(op.kind());
    }
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<String> kind =
        Arbitraries.of("create", "create", "mem-set", "mem-max", "destroy", "save", "restore");
    Arbitrary<String> name = Arbitraries.of("a", "b", "c", "Domain-0");
    Arbitrary<Long> mib = Arbitraries.longs().between(-10, 1600);
    return Combinators.combine(kind, name, mib).as(Op::new).list().ofMaxSize(14);
  }
}
