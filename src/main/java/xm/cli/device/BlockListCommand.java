package xm.cli.device;

import java.util.List;
import xm.hypervisor.BlockDevice;
import xm.hypervisor.DeviceNumbers;
import xm.hypervisor.DomainInfo;
import xm.sxp.Sxp;

/** {@code xm block-list [-l] <Domain>}: one line per block device, Vdev being its device number. */
public final class BlockListCommand extends DeviceListCommand<BlockDevice> {
  @Override
  List<BlockDevice> devices(DomainInfo d) {
    return d.blockDevices();
  }

  @Override
  String header() {
    return "Vdev  BE handle state evt-ch ring-ref BE-path";
  }

  @Override
  String row(BlockDevice b) {
    return DeviceLists.left(b.devnum(), 5)
        + "  "
        + DeviceLists.left(b.spec().backendDomain(), 3)
        + "  "
        + DeviceLists.left(0, 3)
        + "   "
        + DeviceLists.left(b.state(), 3)
        + "    "
        + DeviceLists.left(b.eventChannel(), 3)
        + "    "
        + DeviceLists.left(b.ringRef(), 5)
        + " "
        + xm.cli.Text.left(b.backendPath(), 30)
        + "  ";
  }

  @Override
  Sxp sxp(BlockDevice b) {
    return Sxp.list(
        Sxp.atom(b.devnum()),
        Sxp.list(
            Sxp.node("backend-id", b.spec().backendDomain()),
            Sxp.node("virtual-device", b.devnum()),
            Sxp.node("device-type", DeviceNumbers.isCdrom(b.spec().dev()) ? "cdrom" : "disk"),
            Sxp.node("state", b.state()),
            Sxp.node("backend", b.backendPath()),
            Sxp.node("ring-ref", b.ringRef()),
            Sxp.node("event-channel", b.eventChannel()),
            Sxp.node("protocol", "x86_64-abi")));
  }
}
