package xm.cli.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by the build after compiling ({@code process-classes}): writes the completion script into the
 * classes (so the jar carries it for {@code xm completion}) and the man page xm(1).
 *
 * <p>Arguments: the classes directory, the directory for the man page, xm's version, the date.
 */
public final class BuildDocs {
  private BuildDocs() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: BuildDocs CLASSES_DIR MAN_DIR VERSION DATE");
    }
    Path completion = Path.of(args[0]).resolve("xm/docs/xm-completion.bash");
    Files.createDirectories(completion.getParent());
    Files.writeString(completion, Completion.script(), StandardCharsets.UTF_8);
    Path man = Path.of(args[1]).resolve("xm.1");
    Files.createDirectories(man.getParent());
    Files.writeString(man, ManPage.render(args[2], args[3]), StandardCharsets.UTF_8);
  }
}
