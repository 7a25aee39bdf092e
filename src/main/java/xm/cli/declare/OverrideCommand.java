package xm.cli.declare;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import xm.cli.Opt;
import xm.cli.Text;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.diag.XmException;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.HostFactory;
import xm.hypervisor.Hypervisor;
import xm.plan.Hold;
import xm.reconcile.SpecSource;
import xm.spec.DomainSpec;
import xm.spec.HostDoc;
import xm.spec.SpecSet;

/**
 * {@code xm override list [-f SPECS] [DOMAIN]} shows the fields operators hold against {@code xm
 * apply} on every host this machine knows (and the hosts the specs name); {@code xm override
 * release DOMAIN [FIELD ...]} ends holds early, on whichever host runs the domain ({@code --host}
 * when the name is on several).
 */
public final class OverrideCommand extends XmCommand {
  static final Opt FILE =
      Opt.value("-f", "--filename", "<path>", "list: also look at the hosts these specs name");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  @Override
  protected List<Opt> options() {
    return List.of(FILE);
  }

  @Override
  public Integer call() {
    if (args.isEmpty()) {
      throw new UsageException("'xm override' needs list or release");
    }
    switch (args.get(0)) {
      case "list" -> list(args.subList(1, args.size()));
      case "release" -> release(args.subList(1, args.size()));
      default ->
          throw new UsageException(
              "unknown 'xm override' action '" + args.get(0) + "' (use list or release)");
    }
    return 0;
  }

  /** The hosts to look at: the chosen one, or every host of the inventory and of the specs. */
  private List<String> hosts() {
    HostFactory f = backends().factory();
    if (backends().hostChosen()) {
      return List.of(backends().hostName());
    }
    TreeSet<String> names = new TreeSet<>(f.inventory());
    names.add(backends().hostName());
    List<String> files = listValue(FILE);
    if (files != null) {
      SpecSet specs = backends().engine().load(new SpecSource(files, env.cwd(), env.in()));
      for (DomainSpec d : specs.domains()) {
        if (d.host() != null) {
          names.add(d.host());
        }
      }
      for (HostDoc h : specs.hosts()) {
        names.add(h.name());
      }
    }
    names.removeIf(n -> !f.exists(n));
    return new ArrayList<>(names);
  }

  private void list(List<String> rest) {
    if (rest.size() > 1) {
      throw new UsageException("'xm override list' takes at most one domain");
    }
    boolean header = false;
    boolean found = rest.isEmpty();
    for (String hostName : hosts()) {
      Hypervisor h = backends().factory().open(hostName);
      long now = h.now().toEpochMilli();
      List<DomainInfo> doms = new ArrayList<>(h.domains());
      doms.removeIf(d -> !rest.isEmpty() && !d.name().equals(rest.get(0)));
      found |= !doms.isEmpty();
      doms.sort(Comparator.comparing(DomainInfo::name));
      for (DomainInfo d : doms) {
        for (Map.Entry<String, String> a : d.annotations().entrySet()) {
          Hold hold =
              a.getKey().startsWith("xm/hold/")
                  ? Hold.parse(a.getKey().substring(8), a.getValue())
                  : null;
          if (hold == null) {
            continue;
          }
          if (!header) {
            out()
                .println(
                    Text.left("Host", 12)
                        + " "
                        + Text.left("Domain", 20)
                        + " "
                        + Text.left("Field", 8)
                        + " "
                        + Text.left("Until", 24)
                        + " By");
            header = true;
          }
          out()
              .println(
                  Text.left(hostName, 12)
                      + " "
                      + Text.left(d.name(), 20)
                      + " "
                      + Text.left(hold.field(), 8)
                      + " "
                      + Text.left(
                          TIME.format(Instant.ofEpochMilli(hold.untilMs()))
                              + (hold.untilMs() <= now ? " (expired)" : ""),
                          24)
                      + " "
                      + hold.origin());
        }
      }
    }
    if (!found) {
      throw XmException.noSuchDomain(rest.get(0));
    }
    if (!header) {
      out().println("No holds.");
    }
  }

  private void release(List<String> rest) {
    if (rest.isEmpty()) {
      throw new UsageException("'xm override release' needs a domain (and optionally fields)");
    }
    String name = rest.get(0);
    List<String> where = new ArrayList<>();
    Map<String, DomainInfo> found = new HashMap<>();
    for (String hostName : hosts()) {
      for (DomainInfo d : backends().factory().open(hostName).domains()) {
        if (d.name().equals(name)) {
          where.add(hostName);
          found.put(hostName, d);
        }
      }
    }
    if (where.isEmpty()) {
      throw XmException.noSuchDomain(name);
    }
    if (where.size() > 1) {
      throw XmException.error(
          "a domain named "
              + name
              + " runs on hosts "
              + String.join(" and ", where)
              + "; say which with --host");
    }
    DomainInfo d = found.get(where.get(0));
    Map<String, String> removals = new HashMap<>();
    for (String key : d.annotations().keySet()) {
      if (key.startsWith("xm/hold/")
          && (rest.size() == 1 || rest.subList(1, rest.size()).contains(key.substring(8)))) {
        removals.put(key, null);
      }
    }
    if (removals.isEmpty()) {
      throw XmException.error(
          "domain " + name + " has no " + (rest.size() == 1 ? "holds" : "such hold"));
    }
    backends().factory().open(where.get(0)).annotate(d.uuid(), null, removals, origin);
    out()
        .println(
            "Released "
                + removals.size()
                + " hold(s) on "
                + name
                + (where.get(0).equals(backends().hostName()) ? "" : " (host " + where.get(0) + ")")
                + "; the next xm apply converges them.");
  }
}
