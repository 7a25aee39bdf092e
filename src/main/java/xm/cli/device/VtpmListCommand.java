package xm.cli.device;

import java.util.List;
import xm.cli.Opt;
import xm.cli.XmCommand;
import xm.hypervisor.TpmDevice;
import xm.sxp.Sxp;
import xm.sxp.SxpPrinter;

/** {@code xm vtpm-list [-l] <Domain>}: the domain's virtual TPM; none, no output. */
public final class VtpmListCommand extends XmCommand {
  static final Opt LONG = Opt.flag("-l", "--long", "List resources as SXP");

  @Override
  protected List<Opt> options() {
    return List.of(LONG);
  }

  @Override
  public Integer call() {
    String dom = DeviceLists.domainArgument(args);
    var d = host().domain(dom);
    boolean header = false;
    for (TpmDevice t : d.tpmDevices()) {
      if (has(LONG)) {
        out().print(SxpPrinter.pretty(Sxp.list(Sxp.atom(t.handle()), Sxp.list(
            Sxp.node("backend-id", t.spec().backendDomain()),
            Sxp.node("instance", t.spec().instance()),
            Sxp.node("handle", t.handle()),
            Sxp.node("state", t.state()),
            Sxp.node("backend", t.backendPath()),
            Sxp.node("ring-ref", t.ringRef()),
            Sxp.node("event-channel", t.eventChannel())))));
        continue;
      }
      if (!header) {
        out().println("Idx  BE handle state evt-ch ring-ref BE-path");
        header = true;
      }
      out().println(DeviceLists.left(t.handle(), 3) + "   " + DeviceLists.left(t.spec().backendDomain(), 3) + "  "
          + DeviceLists.left(t.handle(), 3) + "   " + DeviceLists.left(t.state(), 3) + "    "
          + DeviceLists.left(t.eventChannel(), 3) + "    " + DeviceLists.left(t.ringRef(), 5) + " "
          + xm.cli.Text.left(t.backendPath(), 30) + "  ");
    }
    return 0;
  }
}
