package xm.cli.domain;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import xm.cli.Opt;
import xm.cli.Text;
import xm.cli.XmCommand;
import xm.hypervisor.DomainInfo;

/** {@code xm uptime [-s] [Domain ...]}. */
public final class UptimeCommand extends XmCommand {
  static final Opt SHORT_FORMAT =
      Opt.flag("-s", "--short", "Print in the short format of uptime(1)");

  @Override
  protected java.util.List<Opt> options() {
    return java.util.List.of(SHORT_FORMAT);
  }

  @Override
  public Integer call() {
    boolean shortFormat = has(SHORT_FORMAT);
    List<DomainInfo> doms = Domains.select(host(), args);
    if (!shortFormat) {
      out().println(Text.left("Name", 33) + " " + Text.right("ID", 4) + " Uptime ");
    }
    LocalTime now = shortFormat ? LocalTime.ofInstant(host().now(), ZoneOffset.UTC) : null;
    for (DomainInfo d : doms) {
      long up = d.id() == null ? 0 : Math.round(d.uptimeSec());
      long days = up / 86400;
      up -= days * 86400;
      long hours = up / 3600;
      up -= hours * 3600;
      long minutes = up / 60;
      long seconds = up - minutes * 60;
      StringBuilder s = new StringBuilder();
      if (days > 0) {
        s.append(days).append(" day").append(days > 1 ? "s" : "").append(", ");
      }
      s.append(Text.right(Long.toString(hours), 2)).append(':').append(two(minutes));
      String id = d.id() == null ? "" : d.id().toString();
      if (shortFormat) {
        out()
            .println(
                " "
                    + two(now.getHour())
                    + ":"
                    + two(now.getMinute())
                    + ":"
                    + two(now.getSecond())
                    + " up "
                    + s
                    + ", "
                    + d.name()
                    + " ("
                    + id
                    + ")");
      } else {
        s.append(':').append(two(seconds));
        out().println(Text.left(d.name(), 32) + " " + Text.right(id, 5) + " " + s);
      }
    }
    return 0;
  }

  private static String two(long n) {
    return n < 10 ? "0" + n : Long.toString(n);
  }
}
