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
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import xm.diag.XmException;

/**
 * The files of one simulated host and the rules for touching them: one writer at a time (a lock
 * file held with an OS file lock (fcntl), plus an in-process lock for threads; waits bounded by
 * {@link LockWait}); readers take no file lock. Every file is replaced atomically (write a
 * temporary file, fsync, rename, fsync the directory) or appended to and fsync'ed (the state
 * journal, see StateFiles), so that a process killed at any moment leaves the last committed state.
 * A state file that cannot be read is reported with its position and never overwritten.
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
  private static final ConcurrentHashMap<Path, java.util.concurrent.Semaphore> JVM_LOCKS =
      new ConcurrentHashMap<>();

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

    private final java.util.concurrent.atomic.AtomicBoolean closed =
        new java.util.concurrent.atomic.AtomicBoolean();

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
   * has passed, with an error naming the holder; says whom it waits for after {@link
   * LockWait#NOTICE_AFTER}. The in-process part is a fair semaphore tried with time limits; the OS
   * part is {@code fcntl} tried without blocking, with a backoff between tries (a blocking {@code
   * fcntl} wait could not be given up).
   */
  Lock lock() {
    java.util.concurrent.Semaphore jvm =
        JVM_LOCKS.computeIfAbsent(dir, d -> new java.util.concurrent.Semaphore(1, true));
    Path file = dir.resolve("lock");
    LockWaiter wait = new LockWaiter(lockWait, file);
    try {
      acquire(jvm, wait);
      try {
        FileChannel ch =
            FileChannel.open(fault(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
          return new Lock(jvm, ch, tryLock(ch, wait));
        } catch (IOException | RuntimeException e) {
          ch.close();
          throw e;
        }
      } catch (IOException e) {
        jvm.release();
        // taking the lock is the first write of a change: say so as any other write does (reads
        // need no lock)
        throw XmException.error(
            "cannot write "
                + file
                + ": "
                + reason(e)
                + "; reads work, changes need a writable XM_HOME");
      } catch (RuntimeException e) {
        jvm.release();
        throw e;
      }
    } finally {
      wait.done();
    }
  }

  /**
   * Takes the in-process part, fairly (a thread that waits longer goes first), within the wait's
   * time.
   */
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

  /**
   * The in-process part of the host's lock alone, for readers: they need no file lock (what other
   * processes write never changes a committed state under a reader, see StateFiles), but they share
   * this process's cached state with its writers, so they take turns with them.
   */
  InProcess thisProcess() {
    java.util.concurrent.Semaphore jvm =
        JVM_LOCKS.computeIfAbsent(dir, d -> new java.util.concurrent.Semaphore(1, true));
    LockWaiter wait = new LockWaiter(lockWait, dir.resolve("lock"));
    try {
      acquire(
          jvm,
          wait); // bounded like a writer's wait: a writer of this process may itself be waiting
    } finally {
      wait.done();
    }
    return new InProcess(jvm);
  }

  /** A held in-process part of the host's lock; closing it releases it. */
  static final class InProcess implements AutoCloseable {
    private final java.util.concurrent.Semaphore jvm;
    private boolean closed;

    private InProcess(java.util.concurrent.Semaphore jvm) {
      this.jvm = jvm;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        jvm.release();
      }
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

  /** The bytes of {@code name}, or null when the file does not exist. */
  byte[] readBytes(String name) {
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw unavailable("cannot read " + dir.resolve(name) + ": " + reason(e));
    }
  }

  /** The bytes of {@code name} from {@code offset} to its end, or null when it does not exist. */
  byte[] readFrom(String name, long offset) {
    try (FileChannel ch = FileChannel.open(dir.resolve(name), StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < offset || size - offset > Integer.MAX_VALUE - 16) {
        return null;
      }
      ByteBuffer b = ByteBuffer.allocate((int) (size - offset));
      while (b.hasRemaining() && ch.read(b, offset + b.position()) > 0) {
        // read on
      }
      return b.position() == b.capacity()
          ? b.array()
          : java.util.Arrays.copyOf(b.array(), b.position());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw unavailable("cannot read " + dir.resolve(name) + ": " + reason(e));
    }
  }

  /**
   * What stat(2) says of {@code name} (enough to tell it was replaced or changed), or null when it
   * does not exist.
   */
  Committed.FileId stat(String name) {
    try {
      java.nio.file.attribute.BasicFileAttributes a =
          Files.readAttributes(
              dir.resolve(name), java.nio.file.attribute.BasicFileAttributes.class);
      return new Committed.FileId(
          a.fileKey(),
          a.size(),
          a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
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

  /**
   * Replaces {@code name} with {@code content} atomically and durably, through a new temporary
   * file: readers take no lock, so a file once renamed into place is never written again (a file
   * reused in place could change under a reader that opened it before).
   */
  void writeAtomically(String name, Pieces content) {
    writeAtomically(dir.resolve(name), content.toArray());
  }

  /**
   * Writes {@code frame} at {@code at} in {@code name} (the end of its intact part) and fsyncs it.
   * Anything after {@code at} is the torn tail of a write that never completed: it is cut away
   * first. A write that fails is cut away again (best effort; readers ignore a torn tail anyway).
   */
  void appendAt(String name, long at, byte[] frame) {
    Path p = dir.resolve(name);
    try (FileChannel ch = FileChannel.open(fault(p), StandardOpenOption.WRITE)) {
      long size = ch.size();
      if (size < at) {
        throw new IOException(
            "it is shorter (" + size + " bytes) than what was read from it (" + at + " bytes)");
      }
      if (size > at) {
        ch.truncate(at);
      }
      try {
        ByteBuffer b = ByteBuffer.wrap(frame);
        while (b.hasRemaining()) {
          ch.write(b, at + b.position());
        }
        ch.force(false);
      } catch (IOException e) {
        try {
          ch.truncate(at);
        } catch (IOException ignored) {
          // the reader's rule covers it: an incomplete last record is no commit
        }
        throw e;
      }
    } catch (IOException e) {
      throw XmException.error("cannot write " + p + ": " + reason(e));
    }
  }

  static void writeAtomically(Path target, byte[] bytes) {
    writeAtomically(target, ByteBuffer.wrap(bytes));
  }

  private static void writeAtomically(Path target, ByteBuffer buf) {
    byte[] bytes = new byte[buf.remaining()];
    buf.get(bytes);
    try {
      xm.files.AtomicFiles.replace(fault(target), bytes);
    } catch (IOException e) {
      throw XmException.error("cannot write " + target + ": " + reason(e));
    }
  }

  /**
   * Appends text to {@code name} (logs and consoles: losing a tail line on a crash is tolerable).
   */
  void append(String name, String text) {
    if (text.isEmpty()) {
      return;
    }
    Path p = dir.resolve(name);
    try {
      fault(p);
      try {
        Files.writeString(
            p, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (NoSuchFileException noDirectory) {
        Files.createDirectories(p.getParent());
        Files.writeString(
            p, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw XmException.error("cannot write " + dir.resolve(name) + ": " + reason(e));
    }
  }

  /** Removes temporary files a killed writer left behind. Call with the lock held. */
  void removeStaleTemporaries() {
    // also the spare and previous state files older versions took turns with
    try (DirectoryStream<Path> s =
        Files.newDirectoryStream(
            dir,
            p ->
                p.getFileName().toString().contains(".tmp-")
                    || p.getFileName().toString().equals(STATE_FILE + ".spare")
                    || p.getFileName().toString().equals(STATE_FILE + ".previous"))) {
      for (Path p : s) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // harmless: they are ignored by readers
    }
  }

  /**
   * Test hook: the error a write to a path raises instead of happening (a read-only or full file
   * system, where a test cannot make one), or null. Checked wherever a host's files are written or
   * its lock is taken.
   */
  static volatile java.util.function.Function<Path, IOException> writeFault;

  private static Path fault(Path p) throws IOException {
    java.util.function.Function<Path, IOException> f = writeFault;
    IOException e = f == null ? null : f.apply(p);
    if (e != null) {
      throw e;
    }
    return p;
  }

  static XmException unavailable(String reason) {
    return new XmException(
        XmException.Kind.UNAVAILABLE,
        "Unable to connect to xend: " + reason + ". Is xend running?");
  }

  /** What went wrong with a file, in words (Java's messages for these are only the path). */
  static String reason(IOException e) {
    return xm.files.TextFiles.reason(e);
  }
}
