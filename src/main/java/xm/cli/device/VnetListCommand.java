package xm.cli.device;

import java.util.List;
import xm.cli.Opt;
import xm.cli.XmCommand;
import xm.sxp.Sxp;
import xm.sxp.SxpPrinter;

/**
 * {@code xm vnet-list [-l|--long]}: the host's vnets, one S-expression each (the full config with
 * -l).
 */
public final class VnetListCommand extends XmCommand {
  static final Opt LONG = Opt.flag("-l", "--long", "List Vnets as SXP");

  @Override
  protected List<Opt> options() {
    return List.of(LONG);
  }

  @Override
  public Integer call() {
    requireArgs(0);
    for (Sxp v : host().vnets()) {
      if (has(LONG)) {
        String text = SxpPrinter.pretty(v);
        out().print(text.endsWith("\n") ? text : text + "\n");
      } else {
        Sxp.SList l = (Sxp.SList) v;
        out().println(l.value("id", "?") + " " + l.value("bridge", "-"));
      }
    }
    return 0;
  }
}
