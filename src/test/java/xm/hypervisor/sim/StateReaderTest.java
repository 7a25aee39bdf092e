package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import xm.testing.Bounded;
import xm.testing.Xm;

/**
 * The state reader refuses what no host writes, naming file:line:column, and changes nothing:
 * before, {@code (cpu_time NaN)} broke {@code xm list} for good, and memory above the host's total,
 * {@code maxvcpus 99}, affinity to CPU 99999 and duplicate uuids were loaded and written back.
 */
class StateReaderTest {
  @TempDir Path dir;

  static Stream<Arguments> corruptions() {
    return Stream.of(
        Arguments.of(
            "cpu_time NaN",
            edit(
                "(cpu_time 0.0)\n        (running_since",
                "(cpu_time NaN)\n        (running_since",
                2),
            "cpu_time must be a number of seconds"),
        Arguments.of(
            "cpu_time Infinity",
            edit("(cpu_time 0.0)", "(cpu_time Infinity)", 2),
            "cpu_time must be"),
        Arguments.of(
            "negative cpu_time", edit("(cpu_time 0.0)", "(cpu_time -5.0)", 2), "cpu_time must be"),
        Arguments.of(
            "maxvcpus 99",
            edit("(maxvcpus 2)", "(maxvcpus 99)", 1),
            "maxvcpus 99 is more than a domain may have (32)"),
        Arguments.of(
            "Domain-0 with more VCPUs than CPUs",
            edit("(maxvcpus 4)", "(maxvcpus 5)", 1),
            "maxvcpus 5 is more than"),
        Arguments.of(
            "affinity to CPU 99999",
            edit("(online_vcpus 1)", "(online_vcpus 1)\n        (affinity 0 99999)", 1),
            "99999 is not a CPU of this host (it has 4)"),
        Arguments.of(
            "affinity of VCPU 99",
            edit("(online_vcpus 1)", "(online_vcpus 1)\n        (affinity 99 0)", 1),
            "99 is not a VCPU of a domain with maxvcpus 2"),
        Arguments.of(
            "memory above the host's total",
            edit(
                "(memory 64)\n            (maxmem 64)",
                "(memory 8000)\n            (maxmem 8000)",
                1),
            "more than the host's total_memory"),
        Arguments.of(
            "maxmem above the limit",
            edit("(maxmem 64)", "(maxmem 99999999999)", 1),
            "maxmem must be between 1 and 4294967296"),
        Arguments.of(
            "duplicate uuid",
            op(
                text ->
                    text.replaceAll(
                        "(?<=\\(uuid )[0-9a-f]{8}-[0-9a-f-]{27}(?=\\))",
                        "00000000-0000-0000-0000-000000000000")),
            "two domains have uuid"),
        Arguments.of(
            "uuid that is a path",
            op(
                text ->
                    text.replaceAll(
                        "(?<=\\(uuid )[0-9a-f]{8}-[0-9a-f-]{27}(?=\\))", "../../../../tmp/pwned")),
            "invalid uuid '../../../../tmp/pwned'"),
        Arguments.of(
            "end_state of no kind",
            edit("(paused 0)", "(paused 0)\n        (end_state '../x')", 2),
            "end_state must be"),
        Arguments.of(
            "migration peer that is a path",
            edit(
                "(next_vif_handle 0)\n    )\n)",
                "(next_vif_handle 0)\n        (migration (token 61deebb0-0778-3682-bda1-438af98baaff) (role in) (peer ../../x))\n    )\n)",
                1),
            "a migration's peer must be a host name"),
        Arguments.of(
            "disk path with a NUL character",
            edit("(uname phy:/dev/ram0)", "(uname 'file:/a\\x00b')", 1),
            "holds a NUL character"),
        Arguments.of(
            "kernel path with a NUL character",
            edit("(kernel /k)", "(kernel '/k\\x00')", 1),
            "holds a NUL character"),
        Arguments.of(
            "extra of 3 MiB",
            edit("(cmdline '')", "(cmdline " + "x".repeat(3 << 20) + ")", 2),
            "at most 2047"),
        Arguments.of(
            "200,000 parentheses",
            op(text -> "(".repeat(200_000) + text),
            "nest more than 64 deep"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptions")
  void a_state_no_host_writes_is_refused_with_its_place_and_left_alone(
      String what, UnaryOperator<String> corrupt, String message) throws IOException {
    Xm xm = host();
    Path state = TestHosts.wholeStateFile(xm.home(), "localhost");
    byte[] bad = corrupt.apply(Files.readString(state)).getBytes(StandardCharsets.UTF_8);
    Files.write(state, bad);
    for (String[] cmd :
        new String[][] {{"list"}, {"create", "/dev/null", "name=b", "kernel=/k", "memory=64"}}) {
      Xm.Run r = Bounded.run(what, () -> xm.run(cmd));
      assertEquals(1, r.code(), what + ": " + r);
      assertTrue(
          r.error().startsWith("Error: Unable to read host state: " + state + ":"),
          what + ": " + r.error());
      assertTrue(
          Pattern.compile(Pattern.quote(state.toString()) + ":\\d+:\\d+: ")
              .matcher(r.error())
              .find(),
          what + " names no line:column: " + r.error());
      assertTrue(r.error().contains(message), what + ": " + r.error());
      assertArrayEquals(bad, Files.readAllBytes(state), what + ": the state file was changed");
    }
  }

  /**
   * Any one atom of a good state replaced by a hostile value: the reader refuses it with its place,
   * or the host goes on working with it and writes a state it reads again.
   */
  @Property(tries = 150)
  void any_one_hostile_atom_is_refused_or_survives_a_write(
      @ForAll("atomIndexes") int pick, @ForAll("hostile") String value) throws IOException {
    Path root = Files.createTempDirectory("xm-reader");
    try {
      Xm xm = new Xm(root.resolve("xm"), root);
      xm.run(
          "create",
          "/dev/null",
          "name=a",
          "kernel=/k",
          "memory=64",
          "maxvcpus=2",
          "vif=bridge=xenbr0",
          "disk=phy:/dev/ram0,xvda,w");
      Path state = TestHosts.wholeStateFile(xm.home(), "localhost");
      String text = Files.readString(state);
      List<int[]> atoms = atoms(text);
      int[] at = atoms.get(Math.floorMod(pick, atoms.size()));
      String bad = text.substring(0, at[0]) + value + text.substring(at[1]);
      Files.writeString(state, bad);
      Xm.Run list = Bounded.run(value, () -> xm.run("list", "-l"));
      assertFalse(list.err().contains("internal error"), list.toString());
      if (list.code() != 0) {
        // refused with its place: the line and column of state.sxp, or, when the atom was the
        // revision, the journal that no longer follows it (seed -5676356065643407290 found it)
        assertTrue(
            list.error()
                .matches(
                    "Error: Unable to read host state: .*state\\.(sxp:\\d+:\\d+|journal: byte \\d+): .*"),
            list.error());
        return;
      }
      Xm.Run write = xm.run("create", "/dev/null", "name=zz", "kernel=/k", "memory=16");
      assertFalse(write.err().contains("internal error"), write.toString());
      assertEquals(
          0,
          xm.run("list", "-l").code(),
          "accepted " + value + " at " + at[0] + ", wrote, then could not read");
    } finally {
      xm.testing.TempTrees.delete(root);
    }
  }

  @Provide
  Arbitrary<Integer> atomIndexes() {
    return Arbitraries.integers().between(0, 10_000);
  }

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "NaN",
            "Infinity",
            "-Infinity",
            "-1",
            "0",
            "1e400",
            "99999",
            "4294967297",
            "2147483648",
            "9223372036854775808",
            "-9223372036854775808",
            "''",
            "../../x",
            "'a\\x00b'",
            "()",
            "(x)",
            "((((((y))))))",
            "'" + "x".repeat(5000) + "'",
            "00000000-0000-0000-0000-000000000000",
            "Domain-0",
            "a",
            "1",
            "2",
            "3",
            "64",
            "'\u00e9\u20ac'",
            "0x10",
            "1.5",
            "restart",
            "crash",
            "out",
            "in"),
        Arbitraries.integers().map(String::valueOf));
  }

  /** Start and end of every bare atom that is a value (the second element of a list). */
  private static List<int[]> atoms(String text) {
    List<int[]> out = new ArrayList<>();
    Matcher m = Pattern.compile("\\(([a-z_]+) ([^()\\s]+)\\)").matcher(text);
    while (m.find()) {
      out.add(new int[] {m.start(2), m.end(2)});
    }
    return out;
  }

  private Xm host() {
    Xm xm = new Xm(dir.resolve("xm"), dir);
    assertEquals(
        0,
        xm.run(
                "create",
                "/dev/null",
                "name=a",
                "kernel=/k",
                "memory=64",
                "maxvcpus=2",
                "disk=phy:/dev/ram0,xvda,w")
            .code());
    return xm;
  }

  private static UnaryOperator<String> op(UnaryOperator<String> f) {
    return f;
  }

  /** Replaces the {@code nth} occurrence (1-based) of {@code from}. */
  private static UnaryOperator<String> edit(String from, String to, int nth) {
    return text -> {
      int at = -1;
      for (int i = 0; i < nth; i++) {
        at = text.indexOf(from, at + 1);
        if (at < 0) {
          throw new AssertionError("no occurrence " + nth + " of " + from + " in\n" + text);
        }
      }
      return text.substring(0, at) + to + text.substring(at + from.length());
    };
  }
}
