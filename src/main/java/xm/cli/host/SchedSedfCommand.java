package xm.cli.host;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import xm.cli.Opt;
import xm.cli.XmCommand;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.Hypervisor;

/**
 * {@code xm sched-sedf [DOMAIN [-p MS] [-s MS] [-l MS] [-e 0|1] [-w WEIGHT]]}: the SEDF scheduler's
 * parameters of the running domains (or one), or sets them; times in ms, fractions allowed. Xen
 * 3.4's formats: with no domain, running domains only; words after the domain are ignored.
 */
public final class SchedSedfCommand extends XmCommand {
  static final Opt PERIOD = Opt.value("-p", "--period", "<ms>", "Relative deadline(ms)");
  static final Opt SLICE =
      Opt.value("-s", "--slice", "<ms>", "Worst-case execution time(ms). (slice < period)");
  static final Opt LATENCY =
      Opt.value("-l", "--latency", "<ms>", "Scaled period (ms) when domain performs heavy I/O");
  static final Opt EXTRA =
      Opt.value(
          "-e", "--extra", "<flag>", "Flag (0 or 1) controls if domain can run in extra time.");
  static final Opt WEIGHT =
      Opt.value("-w", "--weight", "<float>", "CPU Period/slice (do not set with l/s/p)");

  @Override
  protected List<Opt> options() {
    return List.of(PERIOD, SLICE, LATENCY, EXTRA, WEIGHT);
  }

  @Override
  public Integer call() {
    Hypervisor h = host();
    if (!h.scheduler().equals("sedf")) {
      throw xm.diag.XmException.error(h.wrongScheduler("sedf"));
    }
    boolean setting = has(PERIOD) || has(SLICE) || has(LATENCY) || has(EXTRA) || has(WEIGHT);
    List<DomainInfo> shown = new ArrayList<>();
    if (!args.isEmpty()) {
      DomainInfo d = h.domain(args.get(0));
      if (setting) {
        Double w = ms(WEIGHT);
        h.schedSedf(
            d.uuid(),
            ms(PERIOD),
            ms(SLICE),
            ms(LATENCY),
            has(EXTRA) ? (int) Math.round(ms(EXTRA)) : null,
            w == null ? null : (int) Math.floor(w),
            origin);
        return 0;
      }
      shown.add(d);
    } else {
      if (setting) {
        throw new xm.cli.UsageException("No domain given.");
      }
      for (DomainInfo d : h.domains()) {
        if (d.id() != null && !d.flags().paused() && !d.flags().shutdown()) {
          shown.add(d);
        }
      }
      shown.sort(Comparator.comparing(DomainInfo::name));
    }
    out()
        .println(
            String.format(
                "%-33s %4s %-4s %-4s %-7s %-5s %-6s",
                "Name", "ID", "Period(ms)", "Slice(ms)", "Lat(ms)", "Extra", "Weight"));
    for (DomainInfo d : shown) {
      out()
          .println(
              String.format(
                  "%-32s %5d %9.1f %9.1f %7.1f %6d %6d",
                  d.name(),
                  d.id() == null ? 0 : d.id(),
                  d.sched().periodMs(),
                  d.sched().sliceMs(),
                  d.sched().latencyMs(),
                  d.sched().extratime(),
                  d.sched().sedfWeight()));
    }
    return 0;
  }

  private Double ms(Opt o) {
    if (!has(o)) {
      return null;
    }
    try {
      double v = Double.parseDouble(value(o, "").trim());
      if (Double.isNaN(v) || Double.isInfinite(v) || v < 0 || v > 10_000) {
        throw xm.diag.XmException.badInput("Invalid argument.");
      }
      return v;
    } catch (NumberFormatException e) {
      throw xm.diag.XmException.badInput("Invalid argument.");
    }
  }
}
