package xm.cli.device;

import java.util.List;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.NetDevice;
import xm.sxp.Sxp;

/** {@code xm network-list [-l] <Domain>}: one line per network interface. */
public final class NetworkListCommand extends DeviceListCommand<NetDevice> {
  @Override
  List<NetDevice> devices(DomainInfo d) {
    return d.netDevices();
  }

  @Override
  String header() {
    return "Idx BE     MAC Addr.     handle state evt-ch tx-/rx-ring-ref BE-path";
  }

  @Override
  String row(NetDevice n) {
    return DeviceLists.left(n.handle(), 3)
        + " "
        + DeviceLists.left(n.backendDomain(), 3)
        + xm.cli.Text.left(n.mac(), 17)
        + "    "
        + DeviceLists.left(n.handle(), 3)
        + "   "
        + DeviceLists.left(n.state(), 3)
        + "    "
        + DeviceLists.left(n.eventChannel(), 3)
        + "   "
        + DeviceLists.left(n.txRingRef(), 5)
        + "/"
        + DeviceLists.left(n.rxRingRef(), 5)
        + "   "
        + xm.cli.Text.left(n.backendPath(), 30)
        + "  ";
  }

  @Override
  Sxp sxp(NetDevice n) {
    return Sxp.list(
        Sxp.atom(n.handle()),
        Sxp.list(
            Sxp.node("backend-id", n.backendDomain()),
            Sxp.node("mac", n.mac()),
            Sxp.node("handle", n.handle()),
            Sxp.node("state", n.state()),
            Sxp.node("backend", n.backendPath()),
            Sxp.node("tx-ring-ref", n.txRingRef()),
            Sxp.node("rx-ring-ref", n.rxRingRef()),
            Sxp.node("event-channel", n.eventChannel()),
            Sxp.node("request-rx-copy", 1),
            Sxp.node("feature-rx-notify", 1),
            Sxp.node("feature-sg", 1),
            Sxp.node("feature-gso-tcpv4", 1)));
  }
}
