package xm.cli.tool;

import picocli.CommandLine.Command;
import xm.cli.Version;
import xm.cli.XmCommand;

/** {@code xm version}. */
@Command(name = "version")
public final class VersionCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(0);
    out().println(Version.text());
    return 0;
  }
}
