package xm.cli.tool;

import xm.cli.Version;
import xm.cli.XmCommand;

/** {@code xm version}. */
public final class VersionCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(0);
    out().println(Version.text());
    return 0;
  }
}
