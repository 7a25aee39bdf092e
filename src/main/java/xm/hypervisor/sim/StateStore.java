package xm.hypervisor.sim;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import xm.diag.XmException;

/**
 * The files of one simulated host and the rules for touching them: one writer at a time (a lock
 * file held with an OS file lock (fcntl), plus an in-process lock for threads), and every file replaced
 * atomically (write a temporary file, fsync, rename, fsync the directory), so that a process
 * killed at any moment leaves the last committed state. A state file that cannot be read is
 * reported with its position and never overwritten.
 */
final class StateStore {
  static final String HOST_FILE = "host.sxp";
  static final String STATE_FILE = "state.sxp";
  static final String LOG_FILE = "xend.log";
  static final String DMESG_FILE = "dmesg";
  static final String CONSOLE_DIR = "consoles";

  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path dir;

  StateStore(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  Path dir() {
    return dir;
  }

  Path file(String name) {
    return dir.resolve(name);
  }

  /** A held lock on this host; closing it releases the lock. */
  final class Lock implements AutoCloseable {
    private final ReentrantLock jvm;
    private final FileChannel channel;
    private final FileLock lock;

    private Lock(ReentrantLock jvm, FileChannel channel, FileLock lock) {
      this.jvm = jvm;
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // the lock goes with the channel; nothing else to do
      } finally {
        jvm.unlock();
      }
    }
  }

  /** Blocks until this process holds the host's lock. */
  Lock lock() {
    ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
    jvm.lock();
    try {
      FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        return new Lock(jvm, ch, ch.lock());
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (IOException e) {
      jvm.unlock();
      throw unavailable("cannot lock " + dir.resolve("lock") + ": " + reason(e));
    } catch (RuntimeException e) {
      jvm.unlock();
      throw e;
    }
  }

  /** The text of {@code name}, or null when the file does not exist. */
  String read(String name) {
    try {
      return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw unavailable("cannot read " + dir.resolve(name) + ": " + reason(e));
    }
  }

  /** Replaces {@code name} with {@code text} atomically and durably. */
  void writeAtomically(String name, String text) {
    writeAtomically(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
  }

  static void writeAtomically(Path target, byte[] bytes) {
    try {
      xm.files.AtomicFiles.replace(target, bytes);
    } catch (IOException e) {
      throw XmException.error("cannot write " + target + ": " + reason(e));
    }
  }

  /** Appends text to {@code name} (logs and consoles: losing a tail line on a crash is tolerable). */
  void append(String name, String text) {
    if (text.isEmpty()) {
      return;
    }
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw XmException.error("cannot write " + dir.resolve(name) + ": " + reason(e));
    }
  }

  /** Removes temporary files a killed writer left behind. Call with the lock held. */
  void removeStaleTemporaries() {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.tmp-*")) {
      for (Path p : s) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // harmless: they are ignored by readers
    }
  }

  static XmException unavailable(String reason) {
    return new XmException(XmException.Kind.UNAVAILABLE, "Unable to connect to xend: " + reason + ". Is xend running?");
  }

  /** What went wrong with a file, in words (Java's messages for these are only the path). */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
