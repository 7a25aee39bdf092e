package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.diag.XmException;
import xm.hypervisor.BlockDevice;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainInfo;

/**
 * For any sequence of block attaches and detaches across domains: no backend is ever held writable
 * (mode w) by one domain while another domain holds it with r or w, and a detach frees the backend
 * (another domain can then take it writable).
 */
class SharingProperties {
  record Op(boolean attach, String domain, int backend, String frontend, String mode) {}

  static final List<String> DOMAINS = List.of("a", "b", "c");
  static final List<String> FRONTENDS = List.of("xvda", "xvdb", "xvdc");

  @Property(tries = 80)
  void no_backend_is_ever_writable_by_two_domains(@ForAll("ops") List<Op> ops) throws IOException {
    Path home = Files.createTempDirectory("xm-share");
    try {
      Path image = Files.createFile(home.resolve("shared.img"));
      List<String> backends =
          List.of("phy:ram0", "phy:/dev/ram1", "file:" + image, "tap:aio:" + image);
      SimHost h = TestHosts.manual(home, "h", 8192);
      for (String d : DOMAINS) {
        h.create(TestHosts.config(d, 64), false, "p");
      }
      for (Op op : ops) {
        String uname = backends.get(op.backend());
        if (op.attach()) {
          try {
            h.attachBlock(op.domain(), new DiskSpec(uname, op.frontend(), op.mode(), 0), "p");
          } catch (XmException refused) {
            // refusals are expected; the invariant below must hold either way
          }
        } else {
          try {
            h.detachBlock(op.domain(), op.frontend(), false, "p");
          } catch (XmException notConnected) {
            continue;
          }
          checkDetachFrees(h, backends);
        }
        checkInvariant(h.domains());
      }
    } finally {
      try (Stream<Path> s = Files.walk(home)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Every backend nobody holds any more can be taken writable by any domain. */
  private static void checkDetachFrees(SimHost h, List<String> backends) {
    for (int b = 0; b < backends.size(); b++) {
      String key = Devices.identity(backends.get(b));
      boolean held = false;
      for (DomainInfo d : h.domains()) {
        for (BlockDevice dev : d.blockDevices()) {
          held |= Devices.identity(dev.spec().uname()).equals(key);
        }
      }
      if (!held) {
        BlockDevice probe =
            h.attachBlock("a", new DiskSpec(backends.get(b), "xvdz", "w", 0), "probe");
        assertTrue(probe.devnum() > 0);
        h.detachBlock("a", "xvdz", false, "probe");
      }
    }
  }

  private static void checkInvariant(List<DomainInfo> doms) {
    List<String[]> holders = new ArrayList<>();
    for (DomainInfo d : doms) {
      for (BlockDevice dev : d.blockDevices()) {
        holders.add(
            new String[] {d.name(), Devices.identity(dev.spec().uname()), dev.spec().mode()});
      }
    }
    for (String[] w : holders) {
      if (!w[2].equals("w")) {
        continue;
      }
      for (String[] other : holders) {
        if (!other[0].equals(w[0]) && other[1].equals(w[1]) && !other[2].equals("w!")) {
          fail(
              w[0]
                  + " holds "
                  + w[1]
                  + " writable while "
                  + other[0]
                  + " holds it with mode "
                  + other[2]);
        }
      }
    }
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(
            Arbitraries.of(true, true, false),
            Arbitraries.of(DOMAINS),
            Arbitraries.integers().between(0, 3),
            Arbitraries.of(FRONTENDS),
            Arbitraries.of("r", "w", "w!"))
        .as(Op::new)
        .list()
        .ofMaxSize(25);
  }
}
