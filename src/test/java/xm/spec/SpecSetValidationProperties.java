package xm.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.hypervisor.HostNames;
import xm.testing.Bounded;

/**
 * Rules of a spec set that apply used to discover only after it had changed something (or with no
 * place named): checked while the set is read, so a bad set changes nothing and the error names the
 * document. (SpecSetRefusalTest runs them through the CLI.)
 */
class SpecSetValidationProperties {
  static final String WEB =
      "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: web1}\nspec: {kernel: /boot/k, memory: 64}\n";

  static List<String> problems(String text) {
    return Bounded.run(
        text,
        () -> {
          try {
            SpecLoader.parse("f.yaml", text);
            return List.of();
          } catch (SpecError e) {
            return e.problems();
          }
        });
  }

  static String host(String name, String spec) {
    return "apiVersion: xm/v1\nkind: Host\nmetadata:\n  name: " + name + "\nspec: {" + spec + "}\n";
  }

  // ---- host names ----------------------------------------------------------------------------

  @Provide
  Arbitrary<String> badHostNames() {
    Arbitrary<String> safe =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("-_.0123456789")
            .ofMinLength(1)
            .ofMaxLength(10);
    Arbitrary<String> bad =
        Arbitraries.of(
            "/", "\\", " ", ":", "\u00e9", "\u00a0", "\u017f", "\u212a", "*", "?", "\u0000", "\t",
            "$", "~", "'");
    Arbitrary<String> withBad = Combinators.combine(safe, bad, safe).as((a, b, c) -> a + b + c);
    Arbitrary<String> dotted = safe.map(s -> "." + s);
    Arbitrary<String> tooLong =
        Arbitraries.strings().withCharRange('a', 'z').ofLength(HostNames.MAX_LENGTH + 1);
    return Arbitraries.oneOf(
        withBad, dotted, tooLong, Arbitraries.of("", ".", "..", "../x", "bad/host", "a/../b"));
  }

  @Provide
  Arbitrary<String> goodHostNames() {
    Arbitrary<Character> first =
        Arbitraries.chars().range('a', 'z').range('A', 'Z').range('0', '9').with('-', '_');
    Arbitrary<String> rest =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars("-_.")
            .ofMaxLength(HostNames.MAX_LENGTH - 1);
    return Combinators.combine(first, rest).as((f, r) -> f + r);
  }

  /** YAML text for {@code s} as a double-quoted scalar, whatever it holds. */
  static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      b.append(
          c == '"' || c == '\\'
              ? "\\" + c
              : c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return b.append('"').toString();
  }

  @Property(tries = 300)
  void a_host_named_what_is_not_a_safe_directory_name_is_refused_at_its_name(
      @ForAll("badHostNames") String name) {
    assertTrue(!HostNames.isValid(name));
    List<String> problems = problems(host(quoted(name), "memory: 4096"));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("f.yaml:4:9: "), problems.get(0));
    assertTrue(problems.get(0).contains(HostNames.RULE), problems.get(0));
    List<String> asPlacement =
        problems(WEB.replace("{name: web1}", "{name: web1, host: " + quoted(name) + "}"));
    assertEquals(1, asPlacement.size(), asPlacement.toString());
    assertTrue(asPlacement.get(0).startsWith("f.yaml:3:30: "), asPlacement.get(0));
  }

  @Property(tries = 200)
  void a_safe_host_name_is_accepted(@ForAll("goodHostNames") String name) {
    assertTrue(HostNames.isValid(name));
    assertEquals(List.of(), problems(host(quoted(name), "memory: 4096")));
  }

  @Example
  void a_libvirt_uri_as_placement_is_left_to_the_router() {
    assertEquals(
        List.of(), problems(WEB.replace("{name: web1}", "{name: web1, host: \"qemu:///system\"}")));
  }

  // ---- other rules of hosts and domains ------------------------------------------------------

  @Example
  void domain0_is_never_declared() {
    assertEquals(
        List.of(
            "f.yaml:8:18: Domain-0 belongs to the host and is never declared in a spec; remove this document"),
        problems(WEB + "---\n" + WEB.replace("web1", "Domain-0")));
  }

  @Property(tries = 100)
  void domain0s_share_must_fit_in_the_host(@ForAll("mib") long memory, @ForAll("mib") long dom0) {
    List<String> problems = problems(host("h1", "memory: " + memory + ", dom0Memory: " + dom0));
    if (dom0 > memory) {
      assertEquals(
          List.of(
              "f.yaml:5:"
                  + (30 + Long.toString(memory).length())
                  + ": Domain-0's share (dom0Memory "
                  + dom0
                  + " MiB) is more than the host's memory ("
                  + memory
                  + " MiB); raise memory or lower dom0Memory"),
          problems);
    } else {
      assertEquals(List.of(), problems);
    }
  }

  @Provide
  Arbitrary<Long> mib() {
    return Arbitraries.longs().between(64, 1 << 20);
  }

  @Example
  void other_host_rules_the_host_would_refuse_later() {
    assertEquals(
        List.of("f.yaml:5:24: nodes (4) is more than cpus (2); each NUMA node needs a CPU"),
        problems(host("h1", "cpus: 2, nodes: 4")));
    assertEquals(
        List.of(
            "f.yaml:5:34: blockDevices entries must be /dev/ paths, not 'sda1'",
            "f.yaml:5:40: blockDevices entries must be /dev/ paths, not '/dev/'"),
        problems(host("h1", "blockDevices: [/dev/ram0, sda1, /dev/]")));
  }

  @Example
  void a_host_declared_twice_is_refused_naming_both() {
    assertEquals(
        List.of(
            "f.yaml:10:3: host 'h1' is declared twice (first at f.yaml:4:3); keep one kind: Host document per host"),
        problems(host("h1", "memory: 4096") + "---\n" + host("h1", "memory: 8192")));
  }
}
