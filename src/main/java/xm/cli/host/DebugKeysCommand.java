package xm.cli.host;

import xm.cli.XmCommand;

/**
 * {@code xm debug-keys <Keys>}: each character as a key pressed on Xen's console; xm prints
 * nothing, see xm dmesg.
 */
public final class DebugKeysCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    host().debugKeys(args.get(0), origin);
    return 0;
  }
}
