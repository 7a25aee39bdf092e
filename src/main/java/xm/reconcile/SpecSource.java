package xm.reconcile;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where specs come from: files and directories (recursive) relative to {@code cwd}, and {@code -}
 * for {@code stdin}. A git checkout is a directory.
 */
public record SpecSource(List<String> paths, Path cwd, InputStream stdin) {
  public SpecSource {
    paths = List.copyOf(paths);
  }
}
