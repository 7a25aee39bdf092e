package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.diag.XmException;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.Sched;

/**
 * Credit scheduler parameters against a model of Xen's rules: for any sequence of sched-credit (in
 * and out of range, on domains that exist or not), vcpu-set, save and restore, the host accepts
 * exactly the settings the model says are valid (weight 1..65535, cap 0..100 x the domain's VCPUs
 * at that moment), every weight and cap it holds stays within xm's limits, and a host opened afresh
 * from its files reads back the same values.
 */
class SchedulerProperties {
  record Op(String kind, String name, int a, int b) {}

  @Property(tries = 60)
  void weights_and_caps_stay_within_limits_whatever_the_sequence(@ForAll("ops") List<Op> ops)
      throws IOException {
    Path home = Files.createTempDirectory("xm-sched");
    try {
      SimHost h = TestHosts.manual(home.resolve("xm"), "h", 8192);
      for (String n : List.of("a", "b")) {
        h.create(TestHosts.config(n, 64, 64, 1, 4), false, "p");
      }
      Map<String, int[]> model = new HashMap<>(); // name -> {weight, cap, vcpus}
      model.put("a", new int[] {256, 0, 1});
      model.put("b", new int[] {256, 0, 1});
      Map<String, int[]> saved = new HashMap<>();
      for (Op op : ops) {
        int[] m = model.get(op.name());
        boolean expected;
        switch (op.kind()) {
          case "credit" ->
              expected =
                  m != null
                      && op.a() >= 1
                      && op.a() <= 65535
                      && op.b() >= 0
                      && op.b() <= 100 * m[2];
          case "vcpus" -> expected = m != null && op.a() >= 1 && op.a() <= 4;
          case "save" -> expected = m != null;
          default -> expected = saved.containsKey(op.name()) && !model.containsKey(op.name());
        }
        boolean accepted = true;
        try {
          switch (op.kind()) {
            case "credit" -> h.schedCredit(op.name(), op.a(), op.b(), "p");
            case "vcpus" -> h.setVcpus(op.name(), op.a(), "p");
            case "save" -> h.save(op.name(), home.resolve(op.name() + ".save"), "p");
            default -> h.restore(home.resolve(op.name() + ".save"), false, "p");
          }
        } catch (XmException refused) {
          accepted = false;
        }
        assertEquals(
            expected,
            accepted,
            op + " with " + (m == null ? "no domain" : java.util.Arrays.toString(m)));
        if (accepted) {
          switch (op.kind()) {
            case "credit" -> {
              m[0] = op.a();
              m[1] = op.b();
            }
            case "vcpus" -> m[2] = op.a();
            case "save" -> saved.put(op.name(), model.remove(op.name()));
            default -> model.put(op.name(), saved.get(op.name()).clone()); // the save file stays
          }
        }
        for (DomainInfo d : h.domains()) {
          Sched s = d.sched();
          assertTrue(
              s.weight() >= 1
                  && s.weight() <= 65535
                  && s.cap() >= 0
                  && s.cap() <= 100 * d.config().maxVcpus(),
              s.toString());
          int[] want = model.get(d.name());
          if (want != null) {
            assertEquals(want[0], s.weight(), d.name());
            assertEquals(want[1], s.cap(), d.name());
          }
        }
      }
      SimHost again = new SimHosts(home.resolve("xm")).open("h");
      for (DomainInfo d : again.domains()) {
        int[] want = model.get(d.name());
        if (want != null) {
          assertEquals(
              want[0], again.domain(d.name()).sched().weight(), "read back from the files");
          assertEquals(want[1], again.domain(d.name()).sched().cap(), "read back from the files");
        }
      }
    } finally {
      try (var walk = Files.walk(home)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<String> kind =
        Arbitraries.of("credit", "credit", "credit", "vcpus", "save", "restore");
    Arbitrary<String> name = Arbitraries.of("a", "b", "c");
    Arbitrary<Integer> a =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-2, 70000), Arbitraries.of(0, 1, 65535, 65536));
    Arbitrary<Integer> b =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-1, 450), Arbitraries.of(0, 100, 101, 400, 401));
    return Combinators.combine(kind, name, a, b)
        .as((k, n, x, y) -> new Op(k, n, k.equals("vcpus") ? Math.floorMod(x, 6) : x, y))
        .list()
        .ofMaxSize(25);
  }
}
