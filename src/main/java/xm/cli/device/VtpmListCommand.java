package xm.cli.device;

import java.util.List;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.TpmDevice;
import xm.sxp.Sxp;

/** {@code xm vtpm-list [-l] <Domain>}: the domain's virtual TPM. */
public final class VtpmListCommand extends DeviceListCommand<TpmDevice> {
  @Override
  List<TpmDevice> devices(DomainInfo d) {
    return d.tpmDevices();
  }

  @Override
  String header() {
    return "Idx  BE handle state evt-ch ring-ref BE-path";
  }

  @Override
  String row(TpmDevice t) {
    return DeviceLists.left(t.handle(), 3)
        + "   "
        + DeviceLists.left(t.spec().backendDomain(), 3)
        + "  "
        + DeviceLists.left(t.handle(), 3)
        + "   "
        + DeviceLists.left(t.state(), 3)
        + "    "
        + DeviceLists.left(t.eventChannel(), 3)
        + "    "
        + DeviceLists.left(t.ringRef(), 5)
        + " "
        + xm.cli.Text.left(t.backendPath(), 30)
        + "  ";
  }

  @Override
  Sxp sxp(TpmDevice t) {
    return Sxp.list(
        Sxp.atom(t.handle()),
        Sxp.list(
            Sxp.node("backend-id", t.spec().backendDomain()),
            Sxp.node("instance", t.spec().instance()),
            Sxp.node("handle", t.handle()),
            Sxp.node("state", t.state()),
            Sxp.node("backend", t.backendPath()),
            Sxp.node("ring-ref", t.ringRef()),
            Sxp.node("event-channel", t.eventChannel())));
  }
}
