package xm.cli.device;

import xm.cli.UsageException;
import xm.cli.domain.HoldableCommand;
import xm.hypervisor.DiskSpec;

/**
 * {@code xm block-attach <Domain> <BackDev> <FrontDev> <Mode> [BackDomain] [--hold D]}: hot-plugs a
 * disk.
 */
public final class BlockAttachCommand extends HoldableCommand {
  @Override
  public Integer call() {
    requireArgs(4, 5);
    DiskSpec disk = diskOf(args, host(), env.cwd());
    changeHeld("disks", () -> host().attachBlock(args.get(0), disk, origin));
    return 0;
  }

  /**
   * The disk block-attach's (and block-configure's) arguments name: {@code DOMAIN BACKDEV FRONTDEV
   * MODE [BACKDOMAIN]}, a relative file path taken from {@code cwd}.
   */
  static DiskSpec diskOf(
      java.util.List<String> args, xm.hypervisor.Hypervisor host, java.nio.file.Path cwd) {
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
      var b = host.domain(args.get(4)).id();
      backend = b == null ? -1 : b;
    }
    return new DiskSpec(absolute(args.get(1), cwd), args.get(2), mode, backend);
  }

  /**
   * file:disk.img and tap:aio:disk.img name files relative to where xm runs; the host needs them
   * absolute.
   */
  private static String absolute(String uname, java.nio.file.Path cwd) {
    String prefix;
    String path;
    if (uname.startsWith("file:")) {
      prefix = "file:";
      path = uname.substring(5);
      if (path.startsWith("//")) {
        path = path.substring(1);
      }
    } else if (uname.startsWith("tap:") && uname.indexOf(':', 4) > 0) {
      prefix = uname.substring(0, uname.indexOf(':', 4) + 1);
      path = uname.substring(prefix.length());
    } else {
      return uname;
    }
    return path.isEmpty() || path.startsWith("/")
        ? prefix + path
        : prefix + cwd.resolve(path).normalize();
  }
}
