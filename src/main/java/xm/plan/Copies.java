package xm.plan;

import java.util.ArrayList;
import java.util.List;
import xm.diag.Diagnostic;
import xm.spec.DomainSpec;

/**
 * A declared domain found on several hosts at once: two copies of one guest, most likely on the
 * same disks, which no spec asks for (an xm before the fleet inventory made a second copy when a
 * spec's host changed). A name is one domain, so the plan keeps the copy on the host the spec
 * places it on and destroys the others, when this scope manages every copy. It refuses instead when
 * a copy is not its to destroy (unmanaged, or another scope's), and when no copy is on the spec's
 * host: which copy holds the guest's real state is then a judgement for a person.
 */
final class Copies {
  private Copies() {}

  /**
   * The copy to keep (on {@code host}, the host the spec places the domain on), or null after
   * adding to {@code problems} why none can be kept.
   */
  static Planner.Copy keep(
      DomainSpec d,
      String host,
      List<Planner.Copy> copies,
      String scope,
      List<Diagnostic> problems) {
    List<String> hosts = copies.stream().map(Planner.Copy::host).toList();
    String runs = "a domain named '" + d.name() + "' runs on hosts " + String.join(" and ", hosts);
    for (Planner.Copy c : copies) {
      String owner = Scopes.of(c.info());
      if (!scope.equals(owner)) {
        problems.add(
            Diagnostic.error(
                d.location(),
                runs
                    + " and "
                    + (owner == null ? "xm does not manage" : "scope '" + owner + "' manages")
                    + " the copy on "
                    + c.host(),
                "a name is one domain: destroy or rename the other copy, then apply again"));
        return null;
      }
    }
    for (Planner.Copy c : copies) {
      if (c.host().equals(host)) {
        return c;
      }
    }
    problems.add(
        Diagnostic.error(
            d.location(),
            runs + ", and its spec places it on " + host,
            "keep the copy that holds the guest's state and destroy the other (xm -H "
                + hosts.get(hosts.size() - 1)
                + " destroy "
                + d.name()
                + "), then apply again to move it"));
    return null;
  }

  /** A destroy of each copy but {@code kept}, run before anything else (with the stops). */
  static List<Change> destroyOthers(
      DomainSpec d, Planner.Copy kept, List<Planner.Copy> copies, int wave) {
    List<Change> out = new ArrayList<>();
    for (Planner.Copy c : copies) {
      if (c == kept) {
        continue;
      }
      out.add(
          new Change(
              c.host(),
              d.name(),
              Action.DESTROY,
              List.of(
                  new FieldChange(
                      "domain",
                      DomainDiff.stateOf(c.info()),
                      "(none)",
                      "shutdown, then destroy",
                      true,
                      d.location())),
              List.of(new Op.Stop(c.host(), d.name(), c.info().uuid())),
              List.of(),
              List.of(),
              "a second copy: the spec places "
                  + d.name()
                  + " on "
                  + kept.host()
                  + ", where it runs too",
              wave,
              d.location()));
    }
    return out;
  }
}
