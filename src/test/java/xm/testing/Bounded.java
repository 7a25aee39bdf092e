package xm.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs one (generated) input with a time bound, and turns running out of memory or stack into a
 * test failure that names the input, instead of a stuck or crashed build. The memory bound is the
 * test JVM's heap, which the POM keeps small (surefire's argLine), so an input that tries to
 * allocate gigabytes fails within a second rather than after minutes of swapping.
 */
public final class Bounded {
  /** Long enough for any single command on a loaded 2-core machine; a hang is far longer. */
  public static final Duration DEFAULT = Duration.ofSeconds(20);

  private Bounded() {}

  public static <T> T run(String input, Supplier<T> body) {
    return run(DEFAULT, input, body);
  }

  public static <T> T run(Duration limit, String input, Supplier<T> body) {
    return assertTimeoutPreemptively(
        limit,
        () -> {
          try {
            return body.get();
          } catch (OutOfMemoryError e) {
            return fail("ran out of memory on input: " + describe(input));
          } catch (StackOverflowError e) {
            return fail("ran out of stack on input: " + describe(input));
          }
        },
        () -> "took longer than " + limit.toSeconds() + " s on input: " + describe(input));
  }

  private static String describe(String input) {
    return input.length() <= 200
        ? input
        : input.substring(0, 200) + "... (" + input.length() + " chars)";
  }
}
