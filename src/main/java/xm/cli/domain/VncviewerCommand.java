package xm.cli.domain;

import java.util.List;
import xm.cli.Opt;
import xm.cli.XmCommand;
import xm.diag.XmException;

/**
 * {@code xm vncviewer [--vncviewer-autopass] <Domain>}: in xm 3.4, starts a VNC viewer on the
 * domain's graphical console. The simulated host's guests have a text console only; the command
 * finds the domain (so a typo is still {@code Domain '...' does not exist.}) and says so.
 */
public final class VncviewerCommand extends XmCommand {
  static final Opt AUTOPASS =
      Opt.flag(null, "--vncviewer-autopass", "Pass the VNC password to the viewer");

  @Override
  protected List<Opt> options() {
    return List.of(AUTOPASS);
  }

  @Override
  public Integer call() {
    requireArgs(1);
    String name = host().domain(args.get(0)).name();
    throw XmException.error(
        "Domain '"
            + name
            + "' has no VNC console on this host (its guests have a text console:"
            + " xm console "
            + name
            + "; on a libvirt host, virt-viewer "
            + name
            + ")");
  }
}
