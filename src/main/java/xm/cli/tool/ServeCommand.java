package xm.cli.tool;

import xm.cli.XmCommand;
import xm.diag.XmException;

/**
 * {@code xm serve}: in xm 3.4, xend's XML-RPC proxied over standard input and output (for remote xm
 * over ssh). This xm has no xend to proxy: it says so, and what to use instead.
 */
public final class ServeCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(0);
    throw XmException.error(
        "xm serve proxies xend's XML-RPC, and this xm has no xend: run xm itself over ssh"
            + " (ssh HOST xm list -o json), or point xm at a remote libvirt host with -c qemu+ssh://HOST/system");
  }
}
