package xm.hypervisor.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import xm.hypervisor.ApplyLock;
import xm.sxp.Sxp;
import xm.sxp.SxpParser;
import xm.sxp.SxpPrinter;

/**
 * The whole-apply lock of a simulated host: an OS file lock ({@code fcntl}, through Java's
 * {@code FileLock}) on {@code apply.lock} in the host's
 * directory, which holds the holder's description while it is taken. The kernel drops the lock
 * when the process dies, so a killed apply never leaves it stale. Independent of the state lock:
 * imperative commands never wait for it.
 */
final class SimApplyLock implements ApplyLock {
  static final String FILE = "apply.lock";

  private final String host;
  private final FileChannel channel;
  private final FileLock lock;

  private SimApplyLock(String host, FileChannel channel, FileLock lock) {
    this.host = host;
    this.channel = channel;
    this.lock = lock;
  }

  static Optional<ApplyLock> tryAcquire(String host, Path dir, Holder holder) {
    FileChannel ch = null;
    try {
      Files.createDirectories(dir);
      ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException heldByThisProcess) {
        l = null;
      }
      if (l == null) {
        ch.close();
        return Optional.empty();
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((SxpPrinter.exactLine(Sxp.list(Sxp.atom("apply-lock"),
          Sxp.node("command", xm.diag.SafeText.oneLine(holder.command())), Sxp.node("pid", holder.pid()),
          Sxp.node("since", holder.sinceMs()))) + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      return Optional.of(new SimApplyLock(host, ch, l));
    } catch (IOException e) {
      closeQuietly(ch);
      throw StateStore.unavailable("cannot take the apply lock " + dir.resolve(FILE) + ": " + StateStore.reason(e));
    }
  }

  /**
   * The holder written in the lock file, else (a lock just taken may not have written it yet) the
   * one the kernel names, without a start time.
   */
  static Optional<Holder> holder(Path dir) {
    Optional<Holder> written = written(dir);
    return written.isPresent() ? written : LockHolders.of(dir.resolve(FILE)).map(h -> new Holder(h.command(), h.pid(), 0));
  }

  private static Optional<Holder> written(Path dir) {
    try {
      if (Files.size(dir.resolve(FILE)) > 64 * 1024) {
        return Optional.empty(); // not a description this class wrote
      }
      String text = Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8).trim();
      if (text.isEmpty()) {
        return Optional.empty();
      }
      Sxp.SList l = (Sxp.SList) SxpParser.parseOne(dir.resolve(FILE).toString(), text);
      return Optional.of(new Holder(l.value("command", "?"), Long.parseLong(l.value("pid", "0")),
          Long.parseLong(l.value("since", "0"))));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public void close() {
    try {
      channel.truncate(0);
    } catch (IOException ignored) {
      // the lock is released below in any case
    }
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }
  }
}
