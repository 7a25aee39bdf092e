package xm.cli.host;

import xm.cli.XmCommand;

/** {@code xm log}: the management daemon's log, one line per event with the command that caused it. */
public final class LogCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(0);
    out().print(host().log());
    return 0;
  }
}
