package xm.hypervisor.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import xm.diag.XmException;

/**
 * The files of one simulated host and the rules for touching them: one writer at a time (a lock
 * file held with an OS file lock (fcntl), plus an in-process lock for threads; waits bounded by
 * {@link LockWait}), and every file replaced
 * atomically (write a temporary file, fsync, rename, fsync the directory; the state file through
 * a spare file that takes turns with it instead of a new temporary file each time), so that a
 * process killed at any moment leaves the last committed state. A state file that cannot be read is
 * reported with its position and never overwritten.
 */
final class StateStore {
  static final String HOST_FILE = "host.sxp";
  static final String STATE_FILE = "state.sxp";
  static final String LOG_FILE = "xend.log";
  static final String DMESG_FILE = "dmesg";
  static final String CONSOLE_DIR = "consoles";

  /**
   * The in-process part of each host's lock: a semaphore, not a reentrant lock, because group
   * commit releases a hold from the thread that wrote last, not always the one that took it; fair,
   * so that a thread waiting for the lock gets it when a hold ends.
   */
  private static final ConcurrentHashMap<Path, java.util.concurrent.Semaphore> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path dir;
  private final LockWait lockWait;

  StateStore(Path dir) {
    this(dir, LockWait.defaults());
  }

  StateStore(Path dir, LockWait lockWait) {
    this.dir = dir.toAbsolutePath().normalize();
    this.lockWait = lockWait;
  }

  Path dir() {
    return dir;
  }

  Path file(String name) {
    return dir.resolve(name);
  }

  /** A held lock on this host; closing it releases the lock. */
  final class Lock implements AutoCloseable {
    private final java.util.concurrent.Semaphore jvm;
    private final FileChannel channel;
    private final FileLock lock;

    private Lock(java.util.concurrent.Semaphore jvm, FileChannel channel, FileLock lock) {
      this.jvm = jvm;
      this.channel = channel;
      this.lock = lock;
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Whether another thread of this process waits for this lock. */
    boolean wanted() {
      return jvm.hasQueuedThreads();
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return; // released once only: the semaphore must not gain a permit
      }
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // the lock goes with the channel; nothing else to do
      } finally {
        jvm.release();
      }
    }
  }

  /**
   * Blocks until this process holds the host's lock, or gives up when {@link LockWait#timeout()}
   * has passed, with an error naming the holder; says whom it waits for after
   * {@link LockWait#NOTICE_AFTER}. The in-process part is a fair semaphore tried with time limits;
   * the OS part is {@code fcntl} tried without blocking, with a backoff between tries (a blocking
   * {@code fcntl} wait could not be given up).
   */
  Lock lock() {
    java.util.concurrent.Semaphore jvm = JVM_LOCKS.computeIfAbsent(dir, d -> new java.util.concurrent.Semaphore(1, true));
    Path file = dir.resolve("lock");
    LockWaiter wait = new LockWaiter(lockWait, file);
    try {
      acquire(jvm, wait);
      try {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
          return new Lock(jvm, ch, tryLock(ch, wait));
        } catch (IOException | RuntimeException e) {
          ch.close();
          throw e;
        }
      } catch (IOException e) {
        jvm.release();
        throw unavailable("cannot lock " + file + ": " + reason(e));
      } catch (RuntimeException e) {
        jvm.release();
        throw e;
      }
    } finally {
      wait.done();
    }
  }

  /** Takes the in-process part, fairly (a thread that waits longer goes first), within the wait's time. */
  private static void acquire(java.util.concurrent.Semaphore jvm, LockWaiter wait) {
    while (true) {
      try {
        if (jvm.tryAcquire(wait.nextSliceMs(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        wait.interrupted();
        continue;
      }
      if (wait.remainingMs() <= 0) {
        throw wait.gaveUp();
      }
      wait.noticeIfDue();
    }
  }

  /** Takes the OS part without blocking, trying again after a pause until the wait's time is up. */
  private static FileLock tryLock(FileChannel ch, LockWaiter wait) throws IOException {
    while (true) {
      FileLock l = ch.tryLock();
      if (l != null) {
        return l;
      }
      if (wait.remainingMs() <= 0) {
        throw wait.gaveUp();
      }
      wait.pause();
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

  /**
   * Where {@link #holds} reads: direct, so that the kernel copies straight into it (reading into
   * an array would go through a temporary direct buffer the JDK sizes, and often allocates, per
   * thread); under the lock only.
   */
  private ByteBuffer readBuffer;
  /** Where {@link #writeAtomically(String, Pieces)} puts a file together; under the lock only. */
  private ByteBuffer writeBuffer;

  /**
   * Whether {@code name} holds exactly {@code expected} (false when it does not exist). Reads into
   * a buffer kept for the next time, so checking a large unchanged file allocates nothing. Call
   * with the lock held.
   */
  boolean holds(String name, Pieces expected) {
    try (FileChannel ch = FileChannel.open(dir.resolve(name), StandardOpenOption.READ)) {
      long size = ch.size();
      if (size != expected.length()) {
        return false;
      }
      if (readBuffer == null || readBuffer.capacity() < size + 1) {
        readBuffer = ByteBuffer.allocateDirect((int) Math.max(size + (size >> 2) + 1, 1 << 16));
      }
      // one byte more than expected: a file that grew while being read shows
      ByteBuffer b = readBuffer.clear().limit((int) size + 1);
      while (b.hasRemaining()) {
        if (ch.read(b) < 0) {
          break;
        }
      }
      return b.position() == size && expected.sameAs(b.flip());
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw unavailable("cannot read " + dir.resolve(name) + ": " + e.getMessage());
    }
  }

  /** The bytes of {@code name}, or null when the file does not exist. */
  byte[] readBytes(String name) {
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw unavailable("cannot read " + dir.resolve(name) + ": " + e.getMessage());
    }
  }

  /** Replaces {@code name} with {@code text} atomically and durably. */
  void writeAtomically(String name, String text) {
    writeAtomically(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Replaces {@code name} with {@code content} atomically and durably, as {@link
   * #writeAtomically(Path, byte[])} does, but without making and deleting a file each time: the
   * new content goes into {@code NAME.spare} (written in place, then fsync), the current file is
   * kept by a second name ({@code NAME.previous}, a hard link), {@code NAME.spare} is renamed over
   * {@code NAME}, the old file becomes the next spare, and the directory is fsync'ed. So two files
   * take turns: a busy host does not create (and the file system does not have to find room for)
   * a new file on every commit. At every moment {@code NAME} is the old or the new content, never a
   * mix; a writer killed half-way leaves at most a spare or a previous file, which the next writer
   * reuses or removes. Falls back to a new temporary file where hard links are not supported.
   * Writes through a buffer kept for the next time. Call with the lock held.
   */
  void writeAtomically(String name, Pieces content) {
    if (writeBuffer == null || writeBuffer.capacity() < content.length()) {
      writeBuffer = ByteBuffer.allocateDirect(Math.max(content.length() + (content.length() >> 2), 1 << 16));
    }
    writeBuffer.clear();
    content.copyTo(writeBuffer);
    writeBuffer.flip();
    Path target = dir.resolve(name);
    if (!noHardLinks) {
      try {
        replaceThroughSpare(target, dir.resolve(name + SPARE), dir.resolve(name + PREVIOUS), writeBuffer);
        return;
      } catch (NoHardLinks e) {
        noHardLinks = true; // this file system cannot keep the old file by a second name
        writeBuffer.rewind();
      } catch (IOException e) {
        throw XmException.error("cannot write " + target + ": " + e.getMessage());
      }
    }
    writeAtomically(target, writeBuffer);
  }

  static final String SPARE = ".spare";
  static final String PREVIOUS = ".previous";
  private boolean noHardLinks;

  /** The file system refused a hard link (not an error in itself: the other way is taken). */
  private static final class NoHardLinks extends IOException {
    NoHardLinks(Exception cause) {
      super(cause);
    }
  }

  private static void link(Path link, Path existing) throws IOException {
    try {
      Files.createLink(link, existing);
    } catch (NoSuchFileException | java.nio.file.FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
      throw new NoHardLinks(e);
    }
  }

  private static void replaceThroughSpare(Path target, Path spare, Path previous, ByteBuffer content)
      throws IOException {
    try (FileChannel ch = FileChannel.open(spare, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      while (content.hasRemaining()) {
        ch.write(content);
      }
      ch.force(true);
    }
    boolean kept;
    try {
      link(previous, target);
      kept = true;
    } catch (java.nio.file.FileAlreadyExistsException leftOver) {
      // a writer was killed between keeping the old file and renaming it to the spare
      Files.delete(previous);
      link(previous, target);
      kept = true;
    } catch (NoSuchFileException noFileYet) {
      kept = false;
    }
    Files.move(spare, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (kept) {
      Files.move(previous, spare, StandardCopyOption.ATOMIC_MOVE);
    }
    xm.files.AtomicFiles.syncDirectory(target.getParent());
  }

  static void writeAtomically(Path target, byte[] bytes) {
    writeAtomically(target, ByteBuffer.wrap(bytes));
  }

  private static void writeAtomically(Path target, ByteBuffer buf) {
    byte[] bytes = new byte[buf.remaining()];
    buf.get(bytes);
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
    Path p = dir.resolve(name);
    try {
      try {
        Files.writeString(p, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (NoSuchFileException noDirectory) {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw XmException.error("cannot write " + dir.resolve(name) + ": " + reason(e));
    }
  }

  /** Removes temporary files a killed writer left behind. Call with the lock held. */
  void removeStaleTemporaries() {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> p.getFileName().toString().contains(".tmp-"))) {
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
