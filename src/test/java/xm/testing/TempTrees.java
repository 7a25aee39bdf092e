package xm.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Temporary directory trees of tests: what is in one (to compare before and after), and removing
 * one.
 */
public final class TempTrees {
  private TempTrees() {}

  /**
   * Every path under {@code root} (links not followed), relative to it, sorted; {@code skip} and
   * what is under it left out.
   */
  public static Set<String> snapshot(Path root, Path skip) {
    try (Stream<Path> s = Files.walk(root)) {
      Set<String> out = new TreeSet<>();
      s.filter(p -> skip == null || !p.startsWith(skip))
          .forEach(p -> out.add(root.relativize(p).toString()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes {@code root} and everything under it. */
  public static void delete(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
