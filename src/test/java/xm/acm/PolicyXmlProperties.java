package xm.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What xm writes, its reader (and so the schema) accepts back unchanged. */
class PolicyXmlProperties {

  private static Arbitrary<String> word() {
    return Arbitraries.strings()
        .withChars("abcXYZ_-()&<>\"' é0")
        .ofMinLength(1)
        .ofMaxLength(8)
        .map(String::strip)
        .filter(s -> !s.isEmpty());
  }

  @Provide
  Arbitrary<SecurityPolicy> policies() {
    Arbitrary<List<String>> ste = word().list().uniqueElements().ofMinSize(1).ofMaxSize(5);
    Arbitrary<List<String>> cw = word().list().uniqueElements().ofMaxSize(5);
    return Combinators.combine(
            ste, cw, Arbitraries.integers().between(0, 99), Arbitraries.randoms())
        .as(
            (s, c, v, rnd) -> {
              List<ConflictSet> sets = new ArrayList<>();
              if (c.size() >= 2) {
                sets.add(new ConflictSet("set & one", c.subList(0, 2)));
              }
              List<VmLabel> vms = new ArrayList<>();
              int n = 1 + rnd.nextInt(4);
              for (int i = 0; i < n; i++) {
                vms.add(
                    new VmLabel(
                        "vm" + i + s.get(0),
                        pick(s, rnd),
                        pick(c, rnd),
                        rnd.nextBoolean() ? Optional.of("old" + i) : Optional.empty()));
              }
              List<ResourceLabel> res = new ArrayList<>();
              for (int i = 0; i < rnd.nextInt(3); i++) {
                res.add(new ResourceLabel("res<" + i + ">", List.of(s.get(rnd.nextInt(s.size())))));
              }
              java.util.Optional<PolicyRef> from =
                  rnd.nextBoolean()
                      ? java.util.Optional.empty()
                      : java.util.Optional.of(new PolicyRef("gen.old" + v, (v % 3) + ".0"));
              return new SecurityPolicy(
                  "gen.p" + v,
                  v + "." + (v % 7),
                  s,
                  c,
                  sets,
                  vms,
                  res,
                  vms.get(rnd.nextInt(vms.size())).name(),
                  from);
            });
  }

  private static List<String> pick(List<String> from, java.util.Random rnd) {
    return from.stream().filter(t -> rnd.nextBoolean()).toList();
  }

  @Property(tries = 300)
  void what_is_written_reads_back_equal(@ForAll("policies") SecurityPolicy p) {
    assertEquals(p, Policies.read(PolicyXml.write(p)));
  }
}
