package xm.cli.device;

import java.nio.file.Files;
import java.nio.file.Path;
import xm.cli.XmCommand;
import xm.diag.XmException;
import xm.sxp.SxpParser;

/** {@code xm vnet-create <ConfigFile>}: a vnet from {@code (vnet (id ID) (bridge BRIDGE) (security LEVEL))}. */
public final class VnetCreateCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    Path file = env.cwd().resolve(args.get(0));
    if (!Files.isRegularFile(file)) {
      throw XmException.error("File not found: " + args.get(0));
    }
    String text;
    try {
      if (Files.size(file) > 65536) {
        throw XmException.badInput(args.get(0) + ": a vnet config is at most 64 KiB");
      }
      text = Files.readString(file);
    } catch (java.io.IOException e) {
      throw XmException.error("File not found: " + args.get(0));
    }
    host().vnetCreate(SxpParser.parseOne(args.get(0), text), origin);
    return 0;
  }
}
