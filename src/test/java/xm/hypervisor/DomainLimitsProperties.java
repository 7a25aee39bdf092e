package xm.hypervisor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.testing.Bounded;
import xm.testing.Xm;

/**
 * What a host accepts, it reads back: every command that writes a domain, given any value
 * (boundaries, overflows, huge and non-ASCII text), is either refused with one {@code Error:} line
 * and the state file untouched, or succeeds and the host still reads its state ({@code xm list -l}
 * works). Before DomainLimits, {@code maxmem=99999999999} was stored and every later command
 * failed.
 */
class DomainLimitsProperties {

  @Property(tries = 150)
  void every_write_is_refused_cleanly_or_reads_back(@ForAll("writes") List<String> argv)
      throws IOException {
    Path dir = Files.createTempDirectory("xm-limits");
    try {
      Xm xm = new Xm(dir.resolve("xm"), dir);
      Files.createDirectories(xm.home());
      assertEquals(
          0,
          xm.run(
                  "create",
                  "/dev/null",
                  "name=a",
                  "kernel=/k",
                  "memory=64",
                  "maxmem=128",
                  "maxvcpus=2")
              .code());
      Path state = xm.home().resolve("hosts/localhost/state.sxp");
      byte[] before = Files.readAllBytes(state);
      List<String> command = argv;
      if (argv.get(0).equals("@spec")) {
        // a spec-driven create: the spec's text is the second element
        xm.file("in.yaml", argv.get(1));
        command = List.of("apply", "-f", "in.yaml");
      }
      List<String> run = command;
      Xm.Run r = Bounded.run(shorten(argv), () -> xm.run(run));
      assertFalse(r.err().contains("internal error"), r.toString());
      if (r.code() != 0) {
        assertTrue(r.err().startsWith("Error: "), r.toString());
        assertArrayEquals(
            before, Files.readAllBytes(state), "a refused command changed the state: " + r.error());
      } else {
        Xm.Run list = xm.run("list", "-l");
        assertEquals(0, list.code(), "accepted " + shorten(argv) + " but then: " + list.error());
      }
    } finally {
      delete(dir);
    }
  }

  @Example
  void the_reported_maxmem_and_mem_max_are_refused_and_the_host_keeps_working() throws IOException {
    Path dir = Files.createTempDirectory("xm-limits");
    try {
      Xm xm = new Xm(dir.resolve("xm"), dir);
      Xm.Run big =
          xm.run("create", "/dev/null", "name=big", "kernel=/k", "memory=64", "maxmem=99999999999");
      assertEquals(1, big.code());
      // refused where it was typed (the config mapper's bounds are the host's for memory)
      assertEquals(
          "Error: command line maxmem=...: maxmem must be between 1 and 4294967296, not 99999999999",
          big.error());
      assertEquals(0, xm.run("create", "/dev/null", "name=a", "kernel=/k", "memory=64").code());
      Xm.Run max = xm.run("mem-max", "a", "4294967297");
      assertEquals(1, max.code());
      assertTrue(
          max.error().contains("4294967297 MiB is more than a domain may have"), max.error());
      Xm.Run extra =
          xm.run(
              "create",
              "/dev/null",
              "name=c",
              "kernel=/k",
              "memory=64",
              "extra=" + "x".repeat(3 << 20));
      assertEquals(1, extra.code());
      assertTrue(extra.error().contains("kernel command line"), extra.error());
      assertEquals(0, xm.run("list", "-l").code());
    } finally {
      delete(dir);
    }
  }

  @Provide
  Arbitrary<List<String>> writes() {
    Arbitrary<String> n = numbers();
    Arbitrary<String> s = texts();
    return Arbitraries.oneOf(
        Combinators.combine(n, n, n, n)
            .as(
                (mem, max, v, mv) ->
                    List.of(
                        "create",
                        "/dev/null",
                        "name=b",
                        "kernel=/k",
                        "memory=" + mem,
                        "maxmem=" + max,
                        "vcpus=" + v,
                        "maxvcpus=" + mv)),
        n.map(mem -> List.of("create", "/dev/null", "name=b", "kernel=/k", "memory=" + mem)),
        n.map(
            max ->
                List.of(
                    "create", "/dev/null", "name=b", "kernel=/k", "memory=64", "maxmem=" + max)),
        s.map(
            t -> List.of("create", "/dev/null", "name=b", "kernel=/k", "memory=64", "extra=" + t)),
        s.map(t -> List.of("create", "/dev/null", "name=b", "kernel=/k", "memory=64", "root=" + t)),
        s.map(
            t ->
                List.of(
                    "create",
                    "/dev/null",
                    "name=b" + t.replaceAll("[^a-z]", "x"),
                    "kernel=/k",
                    "memory=64")),
        s.map(t -> List.of("create", "/dev/null", "name=b", "kernel=/" + t, "memory=64")),
        s.map(
            t ->
                List.of(
                    "create", "/dev/null", "name=b", "kernel=/k", "ramdisk=/" + t, "memory=64")),
        s.map(
            t ->
                List.of(
                    "create",
                    "/dev/null",
                    "name=b",
                    "kernel=/k",
                    "memory=64",
                    "on_xend_start=" + t)),
        s.map(
            t ->
                List.of(
                    "create", "/dev/null", "name=b", "kernel=/k", "memory=64", "vif=bridge=" + t)),
        s.map(
            t ->
                List.of(
                    "create",
                    "/dev/null",
                    "name=b",
                    "kernel=/k",
                    "memory=64",
                    "disk=phy:/dev/ram1," + t + ",w")),
        s.map(
            t ->
                List.of(
                    "create",
                    "/dev/null",
                    "name=b",
                    "kernel=/k",
                    "memory=64",
                    "access_control=policy=" + t + ",label=" + t)),
        n.map(c -> List.of("create", "/dev/null", "name=b", "kernel=/k", "memory=64", "cpus=" + c)),
        n.map(mem -> List.of("mem-set", "a", mem)),
        n.map(max -> List.of("mem-max", "a", max)),
        n.map(v -> List.of("vcpu-set", "a", v)),
        Combinators.combine(n, n).as((v, c) -> List.of("vcpu-pin", "a", v, c)),
        s.map(
            t ->
                List.of(
                    "block-attach",
                    "a",
                    "phy:/dev/ram1",
                    "xvdb" + t.replaceAll("[^a-z]", "x"),
                    "w")),
        s.map(t -> List.of("network-attach", "a", "bridge=" + t)),
        s.map(t -> List.of("network-attach", "a", "script=" + t)),
        Combinators.combine(n, n)
            .as((mem, max) -> List.of("@spec", spec("memory: " + mem + "\n  maxmem: " + max))),
        s.map(t -> List.of("@spec", spec("memory: 64\n  cmdline: \"" + t + "\""))),
        s.map(t -> List.of("@spec", spec("memory: 64\n  extras:\n    vnc: \"" + t + "\""))),
        n.map(v -> List.of("@spec", spec("memory: 64\n  vcpus: 1\n  maxvcpus: " + v))));
  }

  private static String spec(String fields) {
    return "apiVersion: xm/v1\nkind: Domain\nmetadata:\n  name: s\nspec:\n  kernel: /k\n  "
        + fields
        + "\n";
  }

  /** Whole numbers at and around every bound a domain has, and past what a long holds. */
  static Arbitrary<String> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "0",
            "1",
            "-1",
            "2",
            "31",
            "32",
            "33",
            "63",
            "64",
            "65",
            "127",
            "128",
            "129",
            "1024",
            "2147483647",
            "2147483648",
            "-2147483648",
            "4294967295",
            "4294967296",
            "4294967297",
            "99999999999",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "99999999999999999999",
            "1g",
            "4096g",
            "4194304g",
            "4194305g",
            "17592186044416g",
            "8796093022208m",
            "9223372036854775807k"),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.integers().between(0, 200).map(String::valueOf));
  }

  /**
   * Text at and around every length bound (in bytes: one, two and three-byte characters), and far
   * past them.
   */
  static Arbitrary<String> texts() {
    Arbitrary<Integer> lengths =
        Arbitraries.oneOf(
            Arbitraries.of(
                0, 1, 254, 255, 256, 257, 682, 683, 1023, 1024, 1365, 1366, 2046, 2047, 2048, 2049,
                4095, 4096, 4097, 8192, 65_536, 1 << 20, 3 << 20),
            Arbitraries.integers().between(0, 5000));
    Arbitrary<Character> chars = Arbitraries.of('a', 'z', '\u00e9', '\u20ac', ' ', '_');
    return Combinators.combine(lengths, chars).as((len, c) -> String.valueOf(c).repeat(len));
  }

  private static String shorten(List<String> argv) {
    String s = String.join(" ", argv);
    return s.length() <= 200 ? s : s.substring(0, 200) + "... (" + s.length() + " chars)";
  }

  private static void delete(Path dir) {
    xm.testing.TempTrees.delete(dir);
  }
}
