package xm.cli.device;

import java.util.List;
import xm.cli.UsageException;

/** What the three device lists share: one domain argument, xm's complaints otherwise. */
final class DeviceLists {
  private DeviceLists() {}

  static String domainArgument(List<String> args) {
    if (args.isEmpty()) {
      throw new UsageException("No domain parameter given");
    }
    if (args.size() > 1) {
      throw new UsageException("No multiple domain parameters allowed");
    }
    return args.get(0);
  }

  /** {@code %-Nd}: the number left-justified in N columns. */
  static String left(long n, int width) {
    return xm.cli.Text.left(Long.toString(n), width);
  }
}
