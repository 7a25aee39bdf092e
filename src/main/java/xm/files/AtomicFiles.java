package xm.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replacing a file whole: write a temporary file beside it, flush it to disk, rename it over the
 * target, then flush the directory, so that a reader (or a process killed half-way) sees the old
 * file or the new one, never a mix. Used for host state, saved plans and reports.
 */
public final class AtomicFiles {
  private static final AtomicLong COUNTER = new AtomicLong();

  private AtomicFiles() {}

  /** Replaces {@code target} with {@code bytes}; on failure the target is as it was. */
  public static void replace(Path target, byte[] bytes) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Path tmp =
        parent.resolve(
            target.getFileName()
                + ".tmp-"
                + ProcessHandle.current().pid()
                + "-"
                + COUNTER.incrementAndGet());
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(parent);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // a stale temporary file is never read, and host stores remove theirs on the next commit
      }
      throw e;
    }
  }

  /** Flushes a directory (its renames) to disk where the file system can. */
  public static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems cannot sync a directory; the rename itself is still atomic
    }
  }
}
