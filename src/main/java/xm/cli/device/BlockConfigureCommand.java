package xm.cli.device;

import xm.cli.XmCommand;

/**
 * {@code xm block-configure <Domain> <BackDev> <FrontDev> <Mode> [BackDomain]}: block-attach's
 * arguments, to change the media of a read-only CD-ROM the domain already has.
 */
public final class BlockConfigureCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(4, 5);
    host().configureBlock(args.get(0), BlockAttachCommand.diskOf(args, host(), env.cwd()), origin);
    return 0;
  }
}
