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
    String why = dir == null ? "it names no file"
        : !Files.exists(dir) ? "no directory " + dir
        : !Files.isDirectory(dir) ? dir + " is not a directory"
        : !Files.isWritable(dir) ? "permission denied"
        : Files.isDirectory(file) ? "it is a directory"
        : null;
    if (why != null) {
      throw XmException.error("xm save: Unable to create file " + file + ": " + why);
    }
    host().save(args.get(0), file, origin);
    return 0;
  }
}
