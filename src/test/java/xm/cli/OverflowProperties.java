package xm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.testing.Bounded;
import xm.testing.TempTrees;
import xm.testing.Xm;

/**
 * Numbers too large for what is computed from them are refused, not overflowed: {@code xm host
 * advance 99999999999999d} ended in ArithmeticException and {@code 106751991167d} did nothing with
 * exit 0; {@code xm create /dev/zero} read until memory ran out.
 */
class OverflowProperties {

  @Property(tries = 500)
  void a_duration_is_in_range_or_a_usage_error(@ForAll("durations") String text) {
    try {
      Duration d = Durations.parse(text);
      assertFalse(d.isNegative(), text);
      assertTrue(d.compareTo(Durations.LONGEST) <= 0, text + " -> " + d);
    } catch (UsageException e) {
      assertTrue(e.getMessage().startsWith("Invalid duration '"), e.getMessage());
    }
  }

  @Example
  void durations_keep_their_units() {
    assertEquals(Duration.ofMillis(1500), Durations.parse("1500ms"));
    assertEquals(Duration.ofSeconds(30), Durations.parse("30"));
    assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
    assertEquals(Duration.ofDays(36_500), Durations.parse("36500d"));
    assertThrows(UsageException.class, () -> Durations.parse("36501d"));
    assertThrows(UsageException.class, () -> Durations.parse("-5s"));
  }

  @Example
  void the_clock_refuses_what_it_cannot_hold_and_stays_where_it_was() throws IOException {
    Path root = Files.createTempDirectory("xm-clock");
    try {
      Xm xm = new Xm(root.resolve("xm"), root);
      assertEquals(0, xm.run("host", "init", "--clock", "manual").code());
      String now = xm.run("info").out();
      for (String d :
          new String[] {
            "99999999999999d", "106751991167d", "9223372036854775807ms", "99999999999999999999d"
          }) {
        Xm.Run r = xm.run("host", "advance", d);
        assertEquals(1, r.code(), d + ": " + r);
        assertTrue(r.error().startsWith("Error: Invalid duration '" + d + "'"), r.error());
      }
      Xm.Run r = null;
      for (int i = 0; i < 100 && (r == null || r.code() == 0); i++) {
        r = xm.run("host", "advance", "36500d");
      }
      assertEquals(1, r.code(), "the clock went past 9999: " + r);
      assertTrue(r.error().contains("would pass 9999-01-01T00:00:00Z"), r.error());
      assertEquals(0, xm.run("list", "-l").code());
      assertFalse(now.isEmpty());
      Xm.Run hold = xm.run("create", "/dev/null", "name=a", "kernel=/k", "memory=64");
      assertEquals(0, hold.code(), hold.toString());
      Xm.Run held = xm.run("mem-set", "a", "60", "--hold", "99999999999999d");
      assertEquals(1, held.code());
      assertTrue(held.error().startsWith("Error: a hold lasts at most 365d"), held.error());
    } finally {
      TempTrees.delete(root);
    }
  }

  @Example
  void a_config_file_is_read_up_to_one_mebibyte() throws IOException {
    Path root = Files.createTempDirectory("xm-cfg");
    try {
      Xm xm = new Xm(root.resolve("xm"), root);
      Xm.Run zero = Bounded.run("/dev/zero", () -> xm.run("create", "/dev/zero"));
      assertEquals(1, zero.code());
      assertEquals(
          "Error: Unable to open config file: /dev/zero is larger than 1 MiB (a config file is at most that;"
              + " is it the right file?)",
          zero.error());
      assertEquals(
          0,
          xm.run("create", "/dev/null", "name=a", "kernel=/k", "memory=64").code(),
          "/dev/null is an empty config");
      xm.file("big.cfg", "kernel = '/k'\n" + "#".repeat(1 << 20) + "\n");
      assertTrue(xm.run("create", "big.cfg").error().contains("is larger than 1 MiB"));
    } finally {
      TempTrees.delete(root);
    }
  }

  @Provide
  Arbitrary<String> durations() {
    Arbitrary<String> numbers =
        Arbitraries.oneOf(
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.of(
                "0",
                "00",
                "36500",
                "36501",
                "876000",
                "876001",
                "52560000",
                "52560001",
                "3153600000",
                "3153600001",
                "3153600000000",
                "3153600000001",
                "99999999999999",
                "106751991167",
                "9223372036854775807",
                "9223372036854775808",
                "99999999999999999999",
                "",
                "-1",
                "+1",
                "1.5",
                "1e3",
                " 1",
                "0x10"));
    Arbitrary<String> units =
        Arbitraries.of("", "ms", "s", "m", "h", "d", "w", "y", "S", "D", "mss", " d");
    return Arbitraries.oneOf(
        Combinators.combine(numbers, units).as(String::concat),
        Arbitraries.strings().ofMaxLength(30));
  }
}
