package xm.cli.device;

import java.util.List;
import xm.cli.Opt;
import xm.cli.XmCommand;
import xm.hypervisor.DomainInfo;
import xm.sxp.Sxp;
import xm.sxp.SxpPrinter;

/**
 * What block-list, network-list and vtpm-list share: one domain argument, {@code -l} for
 * S-expressions, and a header printed only before the first row (no devices, no output).
 */
abstract class DeviceListCommand<T> extends XmCommand {
  static final Opt LONG = Opt.flag("-l", "--long", "List resources as SXP");

  @Override
  protected List<Opt> options() {
    return List.of(LONG);
  }

  abstract List<T> devices(DomainInfo d);

  abstract String header();

  abstract String row(T device);

  abstract Sxp sxp(T device);

  @Override
  public Integer call() {
    DomainInfo d = host().domain(DeviceLists.domainArgument(args));
    boolean headed = false;
    for (T device : devices(d)) {
      if (has(LONG)) {
        out().print(SxpPrinter.pretty(sxp(device)));
      } else {
        if (!headed) {
          out().println(header());
          headed = true;
        }
        out().println(row(device));
      }
    }
    return 0;
  }
}
