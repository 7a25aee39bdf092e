package xm.cli.domain;

import java.nio.file.Files;
import java.nio.file.Path;
import xm.cli.XmCommand;
import xm.diag.XmException;

/** {@code xm save <Domain> <CheckpointFile>}: stops the domain and writes its state to a file. */
public final class SaveCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(2);
    Path file = env.cwd().resolve(args.get(1)).toAbsolutePath().normalize();
    Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir) || Files.isDirectory(file)) {
      throw XmException.error("xm save: Unable to create file " + file);
    }
    host().save(args.get(0), file, origin);
    return 0;
  }
}
