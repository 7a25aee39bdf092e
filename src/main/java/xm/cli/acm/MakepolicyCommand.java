package xm.cli.acm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import xm.acm.PolicyBin;
import xm.acm.PolicyMap;
import xm.acm.PolicyPaths;
import xm.cli.XmCommand;
import xm.diag.XmException;
import xm.files.AtomicFiles;

/**
 * {@code xm makepolicy <policy>}: reads and checks the policy XML, then writes its {@code .map}
 * (Xen's layout) and {@code .bin} ({@link PolicyBin}) beside it, each atomically. Silent on
 * success, as Xen's was.
 */
public final class MakepolicyCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(1);
    String name = PolicyPaths.checkName(args.get(0));
    AcmFiles.Loaded l = AcmFiles.load(env, name);
    PolicyPaths paths = AcmFiles.paths(env);
    String map = PolicyMap.render(l.policy(), paths.root().toString());
    byte[] bin = PolicyBin.write(PolicyBin.compile(l.policy(), l.bytes()));
    write(paths.map(name), map.getBytes(StandardCharsets.UTF_8));
    write(paths.bin(name), bin);
    return 0;
  }

  private static void write(Path target, byte[] bytes) {
    try {
      if (Files.exists(target) && !Files.isRegularFile(target)) {
        throw XmException.badInput(
            target + " is not a regular file; remove it so makepolicy can write there");
      }
      AtomicFiles.replace(target, bytes);
    } catch (IOException e) {
      throw XmException.badInput("Cannot write " + target + ": " + e.getMessage());
    }
  }
}
