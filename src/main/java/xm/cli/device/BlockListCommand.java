package xm.cli.device;

import java.util.List;
import xm.cli.Opt;
import xm.cli.XmCommand;
import xm.hypervisor.BlockDevice;
import xm.sxp.Sxp;
import xm.sxp.SxpPrinter;

/**
 * {@code xm block-list [-l] <Domain>}: one line per block device, headed only when there is one
 * (no devices, no output); {@code -l} prints each as an S-expression.
 */
public final class BlockListCommand extends XmCommand {
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
    for (BlockDevice b : d.blockDevices()) {
      if (has(LONG)) {
        out().print(SxpPrinter.pretty(sxp(b, d.id() == null ? -1 : d.id())));
        continue;
      }
      if (!header) {
        out().println("Vdev  BE handle state evt-ch ring-ref BE-path");
        header = true;
      }
      out().println(DeviceLists.left(b.devnum(), 5) + "  " + DeviceLists.left(b.spec().backendDomain(), 3) + "  "
          + DeviceLists.left(0, 3) + "   " + DeviceLists.left(b.state(), 3) + "    "
          + DeviceLists.left(b.eventChannel(), 3) + "    " + DeviceLists.left(b.ringRef(), 5) + " "
          + xm.cli.Text.left(b.backendPath(), 30) + "  ");
    }
    return 0;
  }

  static Sxp sxp(BlockDevice b, int domid) {
    boolean cdrom = xm.hypervisor.DeviceNumbers.isCdrom(b.spec().dev());
    return Sxp.list(Sxp.atom(b.devnum()), Sxp.list(
        Sxp.node("backend-id", b.spec().backendDomain()),
        Sxp.node("virtual-device", b.devnum()),
        Sxp.node("device-type", cdrom ? "cdrom" : "disk"),
        Sxp.node("state", b.state()),
        Sxp.node("backend", b.backendPath()),
        Sxp.node("ring-ref", b.ringRef()),
        Sxp.node("event-channel", b.eventChannel()),
        Sxp.node("protocol", "x86_64-abi")));
  }
}
