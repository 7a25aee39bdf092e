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

  /** All domains sorted by name, or the named ones in argument order (an unknown one is an error). */
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
    int flag = switch (state) {
      case "running", "r" -> 0;
      case "blocked", "b" -> 1;
      case "paused", "p" -> 2;
      case "shutdown", "s" -> 3;
      case "crashed", "c" -> 4;
      case "dying", "d" -> 5;
      case "all" -> -1;
      default -> throw new UsageException("Invalid state '" + state
          + "': use running, blocked, paused, shutdown, crashed, dying or all");
    };
    List<DomainInfo> out = new ArrayList<>();
    for (DomainInfo d : doms) {
      if (flag < 0 || d.flags().toString().charAt(flag) != '-') {
        out.add(d);
      }
    }
    return out;
  }
}
