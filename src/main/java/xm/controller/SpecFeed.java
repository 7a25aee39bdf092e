package xm.controller;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the controller's specs come from: a directory it watches, or a git repository it follows.
 */
public interface SpecFeed extends AutoCloseable {
  /**
   * The specs as they are now: a revision that changes exactly when their text does, and the paths
   * to load them from. Fails (an {@link xm.diag.XmException}) when the source cannot be read; the
   * controller keeps its last good revision then.
   */
  Snapshot poll();

  /** "specs/" or "https://example.org/fleet.git (main, path fleet/)": for logs and status. */
  String describe();

  @Override
  default void close() {}

  /**
   * One revision of the specs.
   *
   * @param revision a short name that changes with the text ({@code dir:3f2a1c9d} or a commit)
   * @param paths the spec files or directories to load
   * @param cwd where relative paths in messages are relative to
   */
  record Snapshot(String revision, List<String> paths, Path cwd) {}
}
