package xm.cli.domain;

import xm.cli.XmCommand;

/**
 * {@code xm suspend <DomainName>}: saves a running defined domain to the host's checkpoint; it
 * stops, suspended.
 */
public final class SuspendCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    host().suspend(args.get(0), origin);
    return 0;
  }
}
