package xm.cli.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * xm console -f prints each new line once, also once the console is full and old lines drop off its
 * front (a console shows its recent part only).
 */
class ConsoleFollowTest {
  @Test
  void lines_added_at_the_end_are_new() {
    assertEquals(2, ConsoleCommand.newFrom(List.of("a", "b"), List.of("a", "b", "c")));
    assertEquals(0, ConsoleCommand.newFrom(List.of(), List.of("a")));
  }

  @Test
  void lines_dropped_off_the_front_are_not_new_ones() {
    assertEquals(2, ConsoleCommand.newFrom(List.of("a", "b", "c"), List.of("b", "c", "d", "e")));
    assertEquals(1, ConsoleCommand.newFrom(List.of("a", "b", "c"), List.of("c", "d")));
  }

  @Test
  void a_console_with_nothing_in_common_is_all_new() {
    assertEquals(0, ConsoleCommand.newFrom(List.of("a", "b"), List.of("x", "y")));
  }
}
