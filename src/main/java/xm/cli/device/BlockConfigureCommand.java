package xm.cli.device;

import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.hypervisor.DiskSpec;

/**
 * {@code xm block-configure <Domain> <BackDev> <FrontDev> <Mode> [BackDomain]}: block-attach's
 * arguments, to change the media of a read-only CD-ROM the domain already has.
 */
public final class BlockConfigureCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(4, 5);
    String mode =
        switch (args.get(3)) {
          case "r", "ro" -> "r";
          case "w", "rw" -> "w";
          case "w!" -> "w!";
          default ->
              throw new UsageException("Invalid mode '" + args.get(3) + "' (use r, w or w!)");
        };
    int backend = 0;
    if (args.size() == 5) {
      Integer b = host().domain(args.get(4)).id();
      backend = b == null ? -1 : b;
    }
    String uname = args.get(1);
    if (uname.startsWith("file:") && !uname.startsWith("file:/")) {
      uname = "file:" + env.cwd().resolve(uname.substring(5)).normalize();
    }
    host().configureBlock(args.get(0), new DiskSpec(uname, args.get(2), mode, backend), origin);
    return 0;
  }
}
