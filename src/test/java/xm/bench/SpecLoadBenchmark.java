package xm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import xm.spec.SpecError;
import xm.spec.SpecLoader;

/**
 * Spec loading time against the size of the spec set (bench/specs.sh runs it): each shape at 1, 5
 * and 10 MB (or the sizes given), median of 3 runs after a warm-up, so that the time per MB shows
 * whether loading is linear. Shapes: many domains in one file, one document with a huge labels map,
 * one 10 MB line (a plain scalar: the case that was quadratic), one huge comment, and many small
 * files in a directory. It reports process CPU time (wall time on a shared machine mostly measures
 * the neighbours) and wall time. Sizes above the per-file limit are refused before parsing.
 */
public final class SpecLoadBenchmark {
  private SpecLoadBenchmark() {}

  enum Shape {
    DOMAINS,
    LABELS,
    LINE,
    COMMENT,
    FILES
  }

  public static void main(String[] args) throws IOException {
    int[] sizes =
        args.length == 0
            ? new int[] {1, 5, 10}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    Path work = Files.createTempDirectory("xm-spec-bench");
    try {
      System.out.println(
          "| shape | MB | result | median CPU ms | CPU ms per MB | median wall ms |");
      System.out.println("|---|---|---|---|---|---|");
      for (Shape shape : Shape.values()) {
        if (!System.getProperty("shapes", "all").equals("all")
            && !List.of(System.getProperty("shapes").split(","))
                .contains(shape.name().toLowerCase())) {
          continue;
        }
        Path warm = make(work.resolve("warm-" + shape), shape, 1);
        for (int i = 0; i < 2; i++) {
          time(work, warm);
        }
        for (int mb : sizes) {
          Path src = make(work.resolve(shape + "-" + mb), shape, mb);
          long[] wall = new long[3];
          long[] cpu = new long[3];
          String result = "";
          for (int i = 0; i < wall.length; i++) {
            System.gc(); // each run starts from the same heap, not the previous run's garbage
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            result = time(work, src);
            wall[i] = System.nanoTime() - t0;
            cpu[i] = cpuNanos() - c0;
          }
          Arrays.sort(wall);
          Arrays.sort(cpu);
          double ms = cpu[1] / 1e6;
          System.out.printf(
              "| %s | %d | %s | %.0f | %.0f | %.0f |%n",
              shape.name().toLowerCase(), mb, result, ms, ms / mb, wall[1] / 1e6);
        }
      }
    } finally {
      try (Stream<Path> s = Files.walk(work)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * CPU time of the whole process (the loading thread, the garbage collector, the JIT): on a shared
   * machine, wall time mostly measures the neighbours.
   */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String time(Path cwd, Path src) {
    try {
      int n =
          SpecLoader.load(List.of(src.toString()), cwd, InputStream.nullInputStream(), false)
              .domains()
              .size();
      return n + " domain(s)";
    } catch (SpecError e) {
      String first = e.problems().get(0);
      return "refused: "
          + first.substring(
              first.indexOf(": ") + 2, Math.min(first.length(), first.indexOf(": ") + 40))
          + "...";
    }
  }

  private static String domain(int i) {
    return "---\napiVersion: xm/v1\nkind: Domain\nmetadata:\n  name: d"
        + i
        + "\n  labels: {tier: web}\n"
        + "spec:\n  kernel: /boot/vmlinuz\n  memory: 64\n  disks:\n    - {source: \"phy:ram0\", target: xvda, mode: r}\n";
  }

  static Path make(Path at, Shape shape, int mb) throws IOException {
    long target = mb * 1024L * 1024L;
    StringBuilder b = new StringBuilder();
    switch (shape) {
      case DOMAINS -> {
        for (int i = 0; b.length() < target; i++) {
          b.append(domain(i));
        }
      }
      case LABELS -> {
        b.append("apiVersion: xm/v1\nkind: Domain\nmetadata:\n  name: big\n  labels:\n");
        for (int i = 0; b.length() < target; i++) {
          b.append("    k").append(i).append(": v\n");
        }
        b.append("spec:\n  kernel: /boot/vmlinuz\n");
      }
      case LINE -> {
        b.append(
            "apiVersion: xm/v1\nkind: Domain\nmetadata:\n  name: big\nspec:\n  kernel: /boot/vmlinuz\n  cmdline: ");
        b.append("a".repeat((int) target)).append('\n');
      }
      case COMMENT -> b.append(domain(0)).append('#').append("c".repeat((int) target)).append('\n');
      case FILES -> {
        Files.createDirectories(at);
        long written = 0;
        for (int i = 0; written < target; i++) {
          String text = domain(i);
          write(at.resolve(String.format("d%06d.yaml", i)), text);
          written += text.length();
        }
        return at;
      }
    }
    Path file = at.resolveSibling(at.getFileName() + ".yaml");
    write(file, b.toString());
    return file;
  }

  private static void write(Path p, String text) {
    try {
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
