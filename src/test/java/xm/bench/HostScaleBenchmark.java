package xm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import xm.hypervisor.CreateOptions;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.VifSpec;
import xm.hypervisor.sim.ClockMode;
import xm.hypervisor.sim.HostSpec;
import xm.hypervisor.sim.SimHost;
import xm.hypervisor.sim.SimHosts;

/**
 * The cost of one create as a function of how many domains the host already has
 * (bench/host-scale.sh runs it): for each size, a fresh host is filled to that many domains (by
 * many threads at once, so that group commit makes filling cheap), then domains are created one
 * after another, each its own committed, durable transaction, and each timed. Prints the median,
 * mean and 90th percentile, and the size of the host's files. Aim (issue #8, item 15): one create
 * at 10,000 domains costs at most twice what it costs at 100.
 */
public final class HostScaleBenchmark {
  private HostScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(System.getProperty("bench.home", "target/bench-host-scale"));
    int creates = Integer.getInteger("bench.creates", 300);
    List<Integer> sizes = new ArrayList<>();
    for (String a : args.length == 0 ? new String[] {"100", "1000", "10000"} : args) {
      sizes.add(Integer.parseInt(a));
    }
    deleteTree(home);
    Files.createDirectories(home);
    disks = home.resolve("images").toAbsolutePath();
    Files.createDirectories(disks);
    for (int n : sizes) {
      String name = "n" + n;
      SimHost h =
          new SimHosts(home)
              .init(
                  new HostSpec(
                      name,
                      64L * (n + creates + 200) + 4096,
                      512,
                      196,
                      8,
                      1,
                      2400,
                      ClockMode.MANUAL,
                      1000,
                      0,
                      List.of()));
      long fill0 = System.nanoTime();
      fill(h, n - 1); // Domain-0 is one of the n
      long fillMs = (System.nanoTime() - fill0) / 1_000_000;
      for (int i = 0; i < 30; i++) { // warm-up, not timed
        h.create(config("warm-" + i), options(), "bench");
      }
      long[] t = new long[creates];
      for (int i = 0; i < creates; i++) {
        long t0 = System.nanoTime();
        h.create(config("timed-" + i), options(), "bench");
        t[i] = System.nanoTime() - t0;
      }
      long sum = Arrays.stream(t).sum();
      Arrays.sort(t);
      System.out.printf(
          "%6d domains: per create median %7.2f ms, mean %7.2f ms, p90 %7.2f ms, max %8.2f ms"
              + " (%d creates; filled in %d ms; files: %s)%n",
          n,
          t[t.length / 2] / 1e6,
          sum / 1e6 / t.length,
          t[t.length * 9 / 10] / 1e6,
          t[t.length - 1] / 1e6,
          creates,
          fillMs,
          files(home.resolve("hosts").resolve(name)));
    }
  }

  private static void fill(SimHost h, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(64);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> fs = new ArrayList<>();
    for (int w = 0; w < 64; w++) {
      fs.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                  h.create(config(String.format("fill-%05d", i)), options(), "bench");
                }
                return null;
              }));
    }
    try {
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Where each domain's disk image is (an empty file per domain). */
  private static Path disks;

  /**
   * A domain as an apply makes it: one disk, one interface, managed, with its spec source noted.
   */
  static DomainConfig config(String name) {
    try {
      Files.writeString(disks.resolve(name + ".img"), "");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new DomainConfig(
        name,
        null,
        "linux",
        "/boot/vmlinuz-2.6.18-xen",
        "/boot/initrd-2.6.18-xen.img",
        "root=/dev/xvda1 ro console=hvc0",
        16,
        32,
        1,
        2,
        null,
        null,
        null,
        null,
        List.of(new DiskSpec("file:" + disks.resolve(name + ".img"), "xvda", "w", 0)),
        List.of(new VifSpec(Map.of("bridge", "xenbr0"))),
        List.of(),
        null,
        Map.of());
  }

  static CreateOptions options() {
    return new CreateOptions(
        false, true, Map.of("xm/source", "specs/fleet.yaml", "xm/scope", "bench"));
  }

  private static String files(Path dir) throws Exception {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        String f = p.getFileName().toString();
        if (f.startsWith("state")) {
          b.append(b.length() == 0 ? "" : ", ")
              .append(f)
              .append(' ')
              .append(Files.size(p) / 1024)
              .append(" KiB");
        }
      }
    }
    return b.toString();
  }

  private static void deleteTree(Path p) throws Exception {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
