package xm.cli.device;

import java.nio.file.Files;
import java.nio.file.Path;
import xm.cli.XmCommand;
import xm.diag.XmException;
import xm.sxp.SxpParser;

/**
 * {@code xm vnet-create <ConfigFile>}: a vnet from {@code (vnet (id ID) (bridge BRIDGE) (security
 * LEVEL))}.
 */
public final class VnetCreateCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    Path file = env.cwd().resolve(args.get(0));
    if (!Files.exists(file)) {
      throw XmException.error("File not found: " + args.get(0));
    }
    if (!Files.isRegularFile(file)) {
      throw XmException.badInput(
          "Cannot read " + args.get(0) + ": not a regular file (a vnet config is one)");
    }
    String text;
    try {
      byte[] bytes = xm.files.BoundedReads.read(file, 65536);
      xm.files.TextFiles.Decoded d = xm.files.TextFiles.utf8(args.get(0), bytes);
      if (d.problem() != null) {
        throw XmException.badInput(d.problem());
      }
      text = d.text();
    } catch (xm.files.BoundedReads.TooLarge e) {
      throw XmException.badInput(args.get(0) + ": a vnet config is at most 64 KiB");
    } catch (java.io.IOException e) {
      throw XmException.error("Cannot read " + args.get(0) + ": " + xm.files.TextFiles.reason(e));
    }
    host().vnetCreate(SxpParser.parseOne(args.get(0), text), origin);
    return 0;
  }
}
