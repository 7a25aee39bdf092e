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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import xm.hypervisor.ApplyLock;
import xm.sxp.Sxp;
import xm.sxp.SxpParser;
import xm.sxp.SxpPrinter;

/**
 * The whole-apply lock of a simulated host: an OS file lock ({@code fcntl}, through Java's {@code
 * FileLock}) on {@code apply.lock} in the host's directory, which holds the holder's description
 * while it is taken. The kernel drops the lock when the process dies, so a killed apply never
 * leaves it stale. Independent of the state lock: imperative commands never wait for it.
 *
 * <p>Within one process the locks held are also kept in {@link #HELD}, and while a lock file is
 * held here this process neither opens nor reads it again: closing any descriptor of a file drops
 * every {@code fcntl} lock the process has on it, so a second apply of the same process (a thread)
 * that merely tried the lock, or read who holds it, would let another process in.
 */
public final class SimApplyLock implements ApplyLock {
  static final String FILE = "apply.lock";

  /** The locks this process holds, by lock file; guarded by its own monitor. */
  private static final Map<Path, SimApplyLock> HELD = new HashMap<>();

  private final String host;
  private final Path file;
  private final Holder holder;
  private final FileChannel channel;
  private final FileLock lock;

  private SimApplyLock(String host, Path file, Holder holder, FileChannel channel, FileLock lock) {
    this.host = host;
    this.file = file;
    this.holder = holder;
    this.channel = channel;
    this.lock = lock;
  }

  private static Path key(Path dir) {
    return dir.resolve(FILE).toAbsolutePath().normalize();
  }

  public static Optional<ApplyLock> tryAcquire(String host, Path dir, Holder holder) {
    synchronized (HELD) {
      if (HELD.containsKey(key(dir))) {
        return Optional.empty();
      }
      Optional<ApplyLock> taken = open(host, dir, holder);
      taken.ifPresent(l -> HELD.put(key(dir), (SimApplyLock) l));
      return taken;
    }
  }

  private static Optional<ApplyLock> open(String host, Path dir, Holder holder) {
    FileChannel ch = null;
    try {
      Files.createDirectories(dir);
      ch =
          FileChannel.open(
              dir.resolve(FILE),
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE,
              java.nio.file.LinkOption.NOFOLLOW_LINKS);
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
      ch.write(
          ByteBuffer.wrap(
              (SxpPrinter.exactLine(
                          Sxp.list(
                              Sxp.atom("apply-lock"),
                              Sxp.node("command", xm.diag.SafeText.oneLine(holder.command())),
                              Sxp.node("pid", holder.pid()),
                              Sxp.node("since", holder.sinceMs())))
                      + "\n")
                  .getBytes(StandardCharsets.UTF_8)),
          0);
      return Optional.of(new SimApplyLock(host, key(dir), holder, ch, l));
    } catch (IOException e) {
      closeQuietly(ch);
      // the apply lock is the first write of an apply: said as any other write (reads need no lock)
      throw xm.diag.XmException.error(
          "cannot write "
              + dir.resolve(FILE)
              + ": "
              + StateStore.reason(e)
              + "; reads work, changes need a writable XM_HOME");
    }
  }

  /**
   * The holder written in the lock file, else (a lock just taken may not have written it yet) the
   * one the kernel names, without a start time; this process's own from memory. Read under the
   * monitor, so that no thread of this process takes the lock while the file is open here (closing
   * any descriptor of the file would drop this process's fcntl lock).
   */
  public static Optional<Holder> holder(Path dir) {
    synchronized (HELD) {
      SimApplyLock mine = HELD.get(key(dir));
      if (mine != null) {
        return Optional.of(mine.holder);
      }
      Optional<Holder> written = read(dir);
      return written.isPresent()
          ? written
          : LockHolders.of(dir.resolve(FILE)).map(h -> new Holder(h.command(), h.pid(), 0));
    }
  }

  private static Optional<Holder> read(Path dir) {
    try {
      if (Files.size(dir.resolve(FILE)) > 64 * 1024) {
        return Optional.empty(); // not a description this class wrote
      }
      String text = Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8).trim();
      if (text.isEmpty()) {
        return Optional.empty();
      }
      Sxp.SList l = (Sxp.SList) SxpParser.parseOne(dir.resolve(FILE).toString(), text);
      return Optional.of(
          new Holder(
              l.value("command", "?"),
              Long.parseLong(l.value("pid", "0")),
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
    synchronized (HELD) {
      if (HELD.get(file) == this) {
        release();
        HELD.remove(file);
      }
    }
  }

  private void release() {
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
