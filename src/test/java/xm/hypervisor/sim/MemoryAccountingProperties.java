package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.diag.XmException;
import xm.hypervisor.DomainInfo;

/** For any sequence of operations, free + allocated = total, free never goes negative, and ids stay unique. */
class MemoryAccountingProperties {

  record Op(String kind, String name, long mib) {}

  @Property(tries = 60)
  void free_plus_allocated_is_always_total(@ForAll("ops") List<Op> ops) throws IOException {
    Path home = Files.createTempDirectory("xm-prop");
    try {
      SimHost h = TestHosts.manual(home, "h", 2048);
      for (Op op : ops) {
        try {
          switch (op.kind()) {
            case "create" -> h.create(TestHosts.config(op.name(), op.mib(), op.mib() * 2, 1, 2), false, "p");
            case "mem-set" -> h.setMemory(op.name(), op.mib(), "p");
            case "mem-max" -> h.setMaxMemory(op.name(), op.mib(), "p");
            case "destroy" -> h.destroy(op.name(), "p");
            case "save" -> h.save(op.name(), home.resolve(op.name() + ".save"), "p");
            case "restore" -> h.restore(home.resolve(op.name() + ".save"), false, "p");
            default -> throw new IllegalStateException(op.kind());
          }
        } catch (XmException | IllegalArgumentException expected) {
          // refused operations are part of the property: they must leave the books balanced too
        }
        List<DomainInfo> doms = h.domains();
        long allocated = doms.stream().mapToLong(DomainInfo::memoryMiB).sum();
        long free = h.info().freeMemoryMiB();
        assertEquals(2048, free + allocated);
        assertTrue(free >= 0);
        assertEquals(doms.size(), doms.stream().map(DomainInfo::id).distinct().count());
        for (DomainInfo d : doms) {
          assertTrue(d.memoryMiB() <= d.maxmemMiB(), d.toString());
        }
      }
    } finally {
      try (Stream<Path> s = Files.walk(home)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<String> kind = Arbitraries.of("create", "create", "mem-set", "mem-max", "destroy", "save", "restore");
    Arbitrary<String> name = Arbitraries.of("a", "b", "c", "Domain-0");
    Arbitrary<Long> mib = Arbitraries.longs().between(-10, 1600);
    return Combinators.combine(kind, name, mib).as(Op::new).list().ofMaxSize(14);
  }
}
