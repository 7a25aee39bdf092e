package xm.cli.device;

import java.util.List;
import xm.cli.Opt;
import xm.cli.XmCommand;
import xm.hypervisor.ScsiDevice;

/** {@code xm scsi-list <Domain> [--long]}: one row per LUN, in xm 3.4's columns. */
public final class ScsiListCommand extends XmCommand {
  static final Opt LONG = Opt.flag("-l", "--long", "List SCSI devices as SXP");

  @Override
  protected List<Opt> options() {
    return List.of(LONG);
  }

  @Override
  public Integer call() {
    requireArgs(1);
    List<ScsiDevice> devs = host().scsiDevices(args.get(0));
    if (devs.isEmpty()) {
      return 0;
    }
    out()
        .println(
            String.format(
                "%-3s %-3s %-5s %-4s  %-10s %-5s %-10s %-4s",
                "Idx", "BE", "state", "host", "phy-hctl", "phy", "vir-hctl", "devstate"));
    for (ScsiDevice d : devs) {
      String host = d.virtHctl().split(":")[0];
      String phy = d.physDev().startsWith("/dev/") ? d.physDev().substring(5) : d.physDev();
      out()
          .println(
              String.format(
                  "%-3s %-3s %-5s %-4s  %-10s %-5s %-10s %-4s",
                  host, d.backend(), 4, host, d.physHctl(), phy, d.virtHctl(), 4));
    }
    return 0;
  }
}
