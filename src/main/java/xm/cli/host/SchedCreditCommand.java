package xm.cli.host;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import xm.cli.Opt;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.Hypervisor;

/**
 * {@code xm sched-credit [-d DOMAIN [-w WEIGHT] [-c CAP]]}: shows every domain's credit scheduler
 * weight and cap (or one domain's), or sets them. Xen 3.4's formats and messages: weight 1..65535,
 * cap 0..100 x VCPUs (a percentage of one CPU; 0: no cap); success is silent.
 */
public final class SchedCreditCommand extends XmCommand {
  static final Opt DOMAIN = Opt.value("-d", "--domain", "<Domain>", "Domain to modify");
  static final Opt WEIGHT = Opt.value("-w", "--weight", "<Weight>", "Weight (int)");
  static final Opt CAP = Opt.value("-c", "--cap", "<Cap>", "Cap (int)");

  @Override
  protected List<Opt> options() {
    return List.of(DOMAIN, WEIGHT, CAP);
  }

  @Override
  public Integer call() {
    Hypervisor h = host();
    if (!h.scheduler().equals("credit")) {
      throw xm.diag.XmException.error(h.wrongScheduler("credit"));
    }
    Integer weight = number(WEIGHT);
    Integer cap = number(CAP);
    if ((weight != null || cap != null) && !has(DOMAIN)) {
      throw new UsageException("No domain given.");
    }
    if (weight != null || cap != null) {
      DomainInfo d = h.domain(value(DOMAIN, ""));
      if (weight != null
          && (weight < xm.hypervisor.Sched.MIN_WEIGHT || weight > xm.hypervisor.Sched.MAX_WEIGHT)) {
        throw new UsageException("weight is out of range");
      }
      if (cap != null && (cap < 0 || cap > xm.hypervisor.Sched.maxCap(d.onlineVcpus()))) {
        throw new UsageException("cap is out of range");
      }
      h.schedCredit(d.uuid(), weight, cap, origin);
      return 0;
    }
    List<DomainInfo> shown = new ArrayList<>();
    if (has(DOMAIN)) {
      shown.add(h.domain(value(DOMAIN, "")));
    } else {
      shown.addAll(h.domains());
      shown.sort(Comparator.comparing(DomainInfo::name));
    }
    out().println(String.format("%-33s %4s %6s %4s", "Name", "ID", "Weight", "Cap"));
    for (DomainInfo d : shown) {
      out()
          .println(
              String.format(
                  "%-32s %5s %6d %4d",
                  d.name(),
                  d.id() == null ? "" : d.id().toString(),
                  d.sched().weight(),
                  d.sched().cap()));
    }
    return 0;
  }

  private Integer number(Opt o) {
    if (!has(o)) {
      return null;
    }
    String v = value(o, "").trim();
    if (!v.matches("-?[0-9]{1,9}")) {
      throw xm.diag.XmException.badInput("Invalid argument.");
    }
    return Integer.valueOf(v);
  }
}
