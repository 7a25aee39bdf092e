package xm.cli.domain;

import java.nio.file.Files;
import java.nio.file.Path;
import xm.cli.Opt;
import xm.cli.XmCommand;
import xm.diag.XmException;

/**
 * {@code xm restore <CheckpointFile> [-p]}: rebuilds a saved domain (same name, config, devices;
 * new id).
 */
public final class RestoreCommand extends XmCommand {
  static final Opt PAUSED = Opt.flag("-p", "--paused", "Do not unpause domain after restoring it");

  @Override
  protected java.util.List<Opt> options() {
    return java.util.List.of(PAUSED);
  }

  @Override
  public Integer call() {
    boolean paused = has(PAUSED);
    requireArgs(1);
    Path file = env.cwd().resolve(args.get(0)).toAbsolutePath().normalize();
    String why =
        !Files.exists(file)
            ? "no such file"
            : Files.isDirectory(file)
                ? "it is a directory"
                : !Files.isRegularFile(file)
                    ? "not a regular file (a save file is one xm save wrote)"
                    : !Files.isReadable(file) ? "permission denied" : null;
    if (why != null) {
      throw XmException.error("xm restore: Unable to read file " + file + ": " + why);
    }
    host().restore(file, paused, origin);
    return 0;
  }
}
