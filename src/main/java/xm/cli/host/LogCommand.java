package xm.cli.host;

import xm.cli.XmCommand;
import xm.diag.SafeText;

/**
 * {@code xm log}: the management daemon's log, one line per event with the command that caused it;
 * streamed (any size), control characters escaped (a log written by an older xm, or by hand, may
 * hold escape sequences that must not reach the terminal).
 */
public final class LogCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(0);
    java.io.PrintWriter out = out();
    host().log(line -> out.append(SafeText.forTerminal(line)).append('\n'));
    return 0;
  }
}
