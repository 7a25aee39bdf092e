package xm.cli.domain;

import java.nio.file.Files;
import java.nio.file.Path;
import xm.cli.XmCommand;
import xm.diag.XmException;

/**
 * {@code xm save [-c|--checkpoint] <Domain> <CheckpointFile>}: writes the domain's state to a file
 * and stops it, or with {@code -c} leaves it running (a checkpoint).
 */
public final class SaveCommand extends XmCommand {
  static final xm.cli.Opt CHECKPOINT =
      xm.cli.Opt.flag("-c", "--checkpoint", "Leave domain running after creating snapshot");

  @Override
  protected java.util.List<xm.cli.Opt> options() {
    return java.util.List.of(CHECKPOINT);
  }

  @Override
  public Integer call() {
    if (args.size() != 2) {
      throw new xm.cli.UsageException("Wrong number of parameters");
    }
    Path file = env.cwd().resolve(args.get(1)).toAbsolutePath().normalize();
    Path dir = file.getParent();
    String why =
        dir == null
            ? "it names no file"
            : !Files.exists(dir)
                ? "no directory " + dir
                : !Files.isDirectory(dir)
                    ? dir + " is not a directory"
                    : !Files.isWritable(dir)
                        ? "permission denied"
                        : Files.isDirectory(file) ? "it is a directory" : null;
    if (why != null) {
      throw XmException.error("xm save: Unable to create file " + file + ": " + why);
    }
    if (has(CHECKPOINT)) {
      host().checkpoint(args.get(0), file, origin);
    } else {
      host().save(args.get(0), file, origin);
    }
    return 0;
  }
}
