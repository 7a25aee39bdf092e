package xm.apply;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generates spec sets as YAML text: a few domains with random memory, vcpus, state, disks and vifs.
 */
final class SpecGen {
  private SpecGen() {}

  record Dom(
      String name,
      int memory,
      int extraMax,
      int vcpus,
      int extraVcpus,
      String state,
      int disks,
      int vifs,
      boolean macs,
      String host,
      String kernel) {}

  static Arbitrary<Dom> domain(String name) {
    return Combinators.combine(
            Arbitraries.integers().between(32, 512),
            Arbitraries.integers().between(0, 256),
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(0, 2),
            Arbitraries.of("running", "running", "paused", "stopped"),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 7))
        .as(
            (memory, extraMax, vcpus, extraVcpus, state, disks, vifs, bits) ->
                new Dom(
                    name,
                    memory,
                    extraMax,
                    vcpus,
                    extraVcpus,
                    state,
                    disks,
                    vifs,
                    (bits & 1) != 0,
                    (bits & 2) != 0 ? "b" : "a",
                    (bits & 4) != 0 ? "/boot/vmlinuz-b" : "/boot/vmlinuz-a"));
  }

  /** Up to four domains named d0..d3, each drawn independently. */
  static Arbitrary<List<Dom>> fleet() {
    return Combinators.combine(
            domain("d0"),
            domain("d1"),
            domain("d2"),
            domain("d3"),
            Arbitraries.integers().between(1, 4))
        .as((a, b, c, d, n) -> List.of(a, b, c, d).subList(0, n));
  }

  static String yaml(List<Dom> doms) {
    StringBuilder b = new StringBuilder();
    int index = 0;
    for (Dom d : doms) {
      index = d.name().matches("d\\d+") ? Integer.parseInt(d.name().substring(1)) : index;
      if (b.length() > 0) {
        b.append("---\n");
      }
      b.append("apiVersion: xm/v1\nkind: Domain\nmetadata:\n  name: ")
          .append(d.name())
          .append("\n  host: ")
          .append(d.host())
          .append("\nspec:\n  kernel: ")
          .append(d.kernel())
          .append("\n  memory: ")
          .append(d.memory())
          .append("\n  maxmem: ")
          .append(d.memory() + d.extraMax())
          .append("\n  vcpus: ")
          .append(d.vcpus())
          .append("\n  maxvcpus: ")
          .append(d.vcpus() + d.extraVcpus())
          .append("\n  state: ")
          .append(d.state())
          .append('\n');
      b.append("  disks:\n");
      if (d.disks() == 0) {
        b.setLength(b.length() - "  disks:\n".length());
        b.append("  disks: []\n");
      }
      for (int i = 0; i < d.disks(); i++) {
        b.append("    - {source: \"phy:ram")
            .append(index * 2 + i)
            .append("\", target: xvd")
            .append((char) ('a' + i))
            .append(", mode: w}\n");
      }
      b.append("  vifs:\n");
      if (d.vifs() == 0) {
        b.setLength(b.length() - "  vifs:\n".length());
        b.append("  vifs: []\n");
      }
      for (int i = 0; i < d.vifs(); i++) {
        b.append("    - {bridge: xenbr").append(i);
        if (d.macs()) {
          b.append(", mac: \"00:16:3e:00:0").append(index).append(":0").append(i).append('"');
        }
        b.append("}\n");
      }
      index++;
    }
    return b.toString();
  }

  static List<String> names(List<Dom> doms) {
    List<String> out = new ArrayList<>();
    doms.forEach(d -> out.add(d.name()));
    return out;
  }
}
