package xm.cli.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import xm.cli.UsageException;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.Hypervisor;

/** Choosing domains as xm's listing commands do. */
final class Domains {
  private Domains() {}

  /**
   * All domains sorted by name, or the named ones in argument order (an unknown one is an error).
   */
  static List<DomainInfo> select(Hypervisor host, List<String> refs) {
    List<DomainInfo> all = host.domains();
    if (refs.isEmpty()) {
      List<DomainInfo> sorted = new ArrayList<>(all);
      sorted.sort(Comparator.comparing(DomainInfo::name));
      return sorted;
    }
    List<DomainInfo> out = new ArrayList<>();
    for (String ref : refs) {
      out.add(find(all, ref));
    }
    return out;
  }

  /** Resolves a reference against a listing: name, then id, then uuid. */
  static DomainInfo find(List<DomainInfo> all, String ref) {
    for (DomainInfo d : all) {
      if (d.name().equals(ref)) {
        return d;
      }
    }
    for (DomainInfo d : all) {
      if (d.id() != null && d.id().toString().equals(ref)) {
        return d;
      }
    }
    for (DomainInfo d : all) {
      if (d.uuid().equals(ref)) {
        return d;
      }
    }
    throw xm.diag.XmException.noSuchDomain(ref);
  }

  static List<DomainInfo> withState(List<DomainInfo> doms, String state) {
    String st = state.toLowerCase(java.util.Locale.ROOT);
    java.util.function.Predicate<DomainInfo> keep =
        switch (st) {
          // xend's power states (xm 3.4): running includes blocked; halted and suspended are
          // defined domains
          case "running", "r" ->
              d -> d.id() != null && d.power() == xm.hypervisor.PowerState.RUNNING;
          case "halted" -> d -> d.power() == xm.hypervisor.PowerState.HALTED;
          case "suspended" -> d -> d.power() == xm.hypervisor.PowerState.SUSPENDED;
          case "unknown" -> d -> d.power() == xm.hypervisor.PowerState.UNKNOWN;
          case "blocked", "b" -> flag(1);
          case "paused", "p" -> flag(2);
          case "shutdown", "s" -> flag(3);
          case "crashed", "c" -> flag(4);
          case "dying", "d" -> flag(5);
          case "all" -> d -> true;
          default ->
              throw new UsageException(
                  "Invalid state '"
                      + state
                      + "': use running, blocked, paused, shutdown, crashed, dying, halted, suspended, unknown or all");
        };
    List<DomainInfo> out = new ArrayList<>();
    for (DomainInfo d : doms) {
      if (keep.test(d)) {
        out.add(d);
      }
    }
    return out;
  }

  private static java.util.function.Predicate<DomainInfo> flag(int i) {
    return d -> d.id() != null && d.flags().toString().charAt(i) != '-';
  }
}
