package xm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.diag.XmException;
import xm.hypervisor.sim.LockWait;
import xm.testing.Bounded;

/**
 * {@code XM_LOCK_TIMEOUT}, whatever it holds, is a duration between zero and a year (longer ones
 * are taken as a year, so no deadline overflows), or one clear error naming the variable.
 */
class LockTimeoutProperties {
  static Duration timeout(String value) {
    Env env =
        new Env(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            value == null ? Map.of() : Map.of(LockWait.KNOB, value),
            Path.of("."),
            java.io.InputStream.nullInputStream(),
            false);
    return new Backends(env, null).lockTimeout();
  }

  @Property(tries = 300)
  void any_value_is_a_bounded_duration_or_one_clear_error(@ForAll("values") String value) {
    Bounded.run(
        value,
        () -> {
          try {
            Duration d = timeout(value);
            assertFalse(d.isNegative(), value);
            assertTrue(d.compareTo(LockWait.MAX_TIMEOUT) <= 0, value);
          } catch (XmException e) {
            assertEquals(XmException.Kind.BAD_INPUT, e.kind());
            assertTrue(e.getMessage().startsWith("Invalid XM_LOCK_TIMEOUT '"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
          }
          return null;
        });
  }

  @Provide
  Arbitrary<String> values() {
    Arbitrary<String> numbers = Arbitraries.longs().map(n -> Long.toString(n));
    Arbitrary<String> units = Arbitraries.of("", "ms", "s", "m", "h", "d", "x", " ", "\n");
    Arbitrary<String> durations =
        net.jqwik.api.Combinators.combine(numbers, units).as((n, u) -> n + u);
    return Arbitraries.oneOf(durations, Arbitraries.strings().ofMaxLength(30));
  }

  @Example
  void durations_read_as_people_write_them() {
    assertEquals(LockWait.DEFAULT_TIMEOUT, timeout(null));
    assertEquals(Duration.ofSeconds(30), timeout("30s"));
    assertEquals(Duration.ofMinutes(2), timeout("2m"));
    assertEquals(Duration.ofMillis(1500), timeout("1500ms"));
    assertEquals(Duration.ofSeconds(45), timeout("45"));
    assertEquals(Duration.ZERO, timeout("0"));
    assertEquals(LockWait.MAX_TIMEOUT, timeout("99999999d"));
  }
}
