package xm.hypervisor.sim;

import java.util.ArrayList;
import java.util.List;
import xm.hypervisor.BlockDevice;
import xm.hypervisor.DeviceNumbers;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.NetDevice;
import xm.hypervisor.TpmDevice;
import xm.hypervisor.VifSpec;
import xm.hypervisor.VtpmSpec;

/**
 * The runtime side of a domain's devices: xenbus state, event channels and ring grant references,
 * numbered the way a Linux guest's frontends take them at boot (block devices, then network
 * interfaces, then TPMs; event channels from 8; block and TPM rings from grant 8, network rings
 * from grant 768).
 */
final class DeviceViews {
  static final int CONNECTED = 4;
  static final int CLOSED = 6;

  private DeviceViews() {}

  record All(List<BlockDevice> blocks, List<NetDevice> nets, List<TpmDevice> tpms) {}

  static All of(SimDomain d) {
    int state = d.isLive() ? CONNECTED : CLOSED;
    int evtchn = 8;
    List<BlockDevice> blocks = new ArrayList<>();
    List<DiskSpec> disks = d.config.disks();
    for (int i = 0; i < disks.size(); i++) {
      DiskSpec disk = disks.get(i);
      int devnum = DeviceNumbers.of(disk.dev());
      blocks.add(
          new BlockDevice(
              devnum,
              disk,
              state,
              evtchn++,
              8 + i,
              "/local/domain/"
                  + disk.backendDomain()
                  + "/backend/"
                  + (disk.uname().startsWith("tap:") ? "tap" : "vbd")
                  + "/"
                  + d.id
                  + "/"
                  + devnum));
    }
    List<NetDevice> nets = new ArrayList<>();
    List<VifSpec> vifs = d.config.vifs();
    for (int i = 0; i < vifs.size(); i++) {
      VifSpec v = vifs.get(i);
      int handle = i < d.vifHandles.size() ? d.vifHandles.get(i) : i;
      int backend = v.option("backend") == null ? 0 : Integer.parseInt(v.option("backend"));
      nets.add(
          new NetDevice(
              handle,
              v,
              backend,
              state,
              evtchn++,
              768 + 2 * i,
              769 + 2 * i,
              "/local/domain/" + backend + "/backend/vif/" + d.id + "/" + handle));
    }
    List<TpmDevice> tpms = new ArrayList<>();
    List<VtpmSpec> vtpms = d.config.vtpms();
    for (int i = 0; i < vtpms.size(); i++) {
      VtpmSpec t = vtpms.get(i);
      tpms.add(
          new TpmDevice(
              i,
              t,
              state,
              evtchn++,
              8 + disks.size() + i,
              "/local/domain/" + t.backendDomain() + "/backend/vtpm/" + d.id + "/" + i));
    }
    return new All(blocks, nets, tpms);
  }
}
