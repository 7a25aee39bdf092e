package xm.hypervisor.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Text logs of a host that grow by appending (xend.log, the domain consoles), bounded by size
 * rotation as Python's {@code RotatingFileHandler} did it for xend: when a file would pass its
 * limit it becomes {@code NAME.1}, {@code NAME.1} becomes {@code NAME.2} and so on, and the oldest
 * is dropped. Reading never holds a whole file in memory: lines are streamed, a line longer than
 * {@link #MAX_LINE} is cut, and tails are read from the end.
 *
 * <p>Rotation happens under the host's lock (appends do); readers take no lock: they open every
 * file first (newest first, skipping one seen twice because a rotation renamed it meanwhile) and
 * read each only up to the size it had then, so a rotation while reading loses or repeats nothing
 * that was there when they began.
 */
final class LogFiles {
  /** The longest line shown whole; longer ones (a hand-made file, a file of zeros) are cut. */
  static final int MAX_LINE = 16 * 1024;

  /**
   * A log's bound: each file at most {@code maxBytes} (give or take one append), {@code keep} old
   * ones.
   */
  record Bound(long maxBytes, int keep) {}

  /** xend.log: xend's own RotatingFileHandler bound, 1 MiB and five old files. */
  static final Bound XEND_LOG = new Bound(1 << 20, 5);

  /** A domain's console: 128 KiB and one old file, so at most about 256 KiB per domain. */
  static final Bound CONSOLE = new Bound(128 << 10, 1);

  private LogFiles() {}

  /** Appends {@code text} to {@code file}, rotating first when it would pass its bound. */
  static void append(Path file, String text, Bound bound) throws IOException {
    if (text.isEmpty()) {
      return;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    long size = sizeOrZero(file);
    if (size > 0 && size + bytes.length > bound.maxBytes()) {
      rotate(file, bound);
    }
    try {
      write(file, bytes);
    } catch (NoSuchFileException noDirectory) {
      Files.createDirectories(file.getParent());
      write(file, bytes);
    }
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * Shifts the old files by one and makes {@code file} the newest old one. A file far larger than
   * its bound (written before logs rotated, or by hand) keeps only its last {@code maxBytes}.
   */
  static void rotate(Path file, Bound bound) throws IOException {
    if (bound.keep() == 0) {
      Files.deleteIfExists(file);
      return;
    }
    Files.deleteIfExists(old(file, bound.keep()));
    for (int i = bound.keep() - 1; i >= 1; i--) {
      if (Files.exists(old(file, i))) {
        Files.move(old(file, i), old(file, i + 1), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    if (sizeOrZero(file) > 2 * bound.maxBytes()) {
      Path cut = file.resolveSibling(file.getFileName() + ".cut");
      try (FileChannel out =
          FileChannel.open(
              cut,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(ByteBuffer.wrap(tailBytes(file, bound.maxBytes())));
      }
      Files.move(
          cut, old(file, 1), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.delete(file);
    } else {
      Files.move(file, old(file, 1), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Removes {@code file} and its old files (the console of a domain that is gone). */
  static void remove(Path file, Bound bound) throws IOException {
    Files.deleteIfExists(file);
    for (int i = 1; i <= bound.keep(); i++) {
      Files.deleteIfExists(old(file, i));
    }
  }

  static Path old(Path file, int n) {
    return file.resolveSibling(file.getFileName() + "." + n);
  }

  /**
   * Every line of the log, oldest first, to {@code out}; over-long lines cut. Of a file far over
   * the bound (written before logs rotated, or by hand) only the last {@code maxBytes} are read,
   * after a line saying how much was left out: bounded time as well as memory.
   */
  static void stream(Path file, Bound bound, Consumer<String> out) throws IOException {
    List<Opened> files = open(file, bound);
    try {
      for (int i = files.size() - 1; i >= 0; i--) {
        Opened f = files.get(i);
        long from = f.size > 2 * bound.maxBytes() ? f.size - bound.maxBytes() : 0;
        Consumer<String> to = out;
        if (from > 0) {
          out.accept(
              "[... "
                  + from
                  + " older bytes of "
                  + (i == 0 ? file : old(file, i)).getFileName()
                  + " not shown]");
          if (!startsLine(f.channel, from)) {
            boolean[] first = {true};
            to =
                line -> {
                  if (!first[0]) {
                    out.accept(line);
                  }
                  first[0] = false; // only the end of a line
                };
          }
        }
        lines(Channels.newInputStream(f.channel.position(from)), f.size - from, to);
      }
    } finally {
      for (Opened f : files) {
        f.channel.close();
      }
    }
  }

  /**
   * The last lines of the log, at most about {@code maxBytes} of them (from the newest file, then
   * the one before): what a console shows.
   */
  static List<String> tail(Path file, Bound bound, long maxBytes) throws IOException {
    List<Opened> files = open(file, bound);
    List<List<String>> parts = new ArrayList<>();
    try {
      long left = maxBytes;
      for (Opened f : files) {
        if (left <= 0) {
          break;
        }
        long from = Math.max(0, f.size - left);
        List<String> lines = new ArrayList<>();
        lines(Channels.newInputStream(f.channel.position(from)), f.size - from, lines::add);
        if (from > 0 && !lines.isEmpty() && !startsLine(f.channel, from)) {
          lines.remove(0); // the first line is only the end of one
        }
        parts.add(lines);
        left -= f.size - from;
      }
    } finally {
      for (Opened f : files) {
        f.channel.close();
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = parts.size() - 1; i >= 0; i--) {
      out.addAll(parts.get(i));
    }
    return out;
  }

  /** The last {@code maxBytes} of {@code file}, from a line start (all of it when smaller). */
  static byte[] tailBytes(Path file, long maxBytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long from = Math.max(0, size - maxBytes);
      ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
      while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
        // read on
      }
      int start = 0;
      if (from > 0 && !startsLine(ch, from)) {
        while (start < buf.position() && buf.get(start) != '\n') {
          start++;
        }
        start = Math.min(buf.position(), start + 1);
      }
      byte[] out = new byte[buf.position() - start];
      System.arraycopy(buf.array(), start, out, 0, out.length);
      return out;
    }
  }

  private static boolean startsLine(FileChannel ch, long at) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    return ch.read(one, at - 1) == 1 && one.get(0) == '\n';
  }

  /** An open file of a log and its size when opened. */
  private record Opened(FileChannel channel, long size) {}

  /** The log's files that exist, newest first, each opened once. */
  private static List<Opened> open(Path file, Bound bound) throws IOException {
    List<Opened> out = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    try {
      for (int i = 0; i <= bound.keep(); i++) {
        Path p = i == 0 ? file : old(file, i);
        if (!Files.isRegularFile(p)) {
          continue;
        }
        FileChannel ch;
        try {
          ch = FileChannel.open(p, StandardOpenOption.READ);
        } catch (NoSuchFileException goneMeanwhile) {
          continue;
        }
        Object key = key(p);
        if (key != null && !seen.add(key)) {
          ch.close(); // renamed by a rotation since we opened it under its newer name
          continue;
        }
        out.add(new Opened(ch, ch.size()));
      }
    } catch (IOException | RuntimeException e) {
      for (Opened f : out) {
        f.channel.close();
      }
      throw e;
    }
    return out;
  }

  private static Object key(Path p) {
    try {
      return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The lines of the next {@code limit} bytes of {@code in}, decoded as UTF-8, to {@code out}. A
   * line longer than {@link #MAX_LINE} bytes is cut there, with a note of how much was left out.
   */
  static void lines(InputStream in, long limit, Consumer<String> out) throws IOException {
    byte[] buf = new byte[64 * 1024];
    byte[] line = new byte[MAX_LINE];
    int len = 0;
    long cut = 0;
    long left = limit;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        break;
      }
      left -= n;
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        if (b == '\n') {
          out.accept(text(line, len, cut));
          len = 0;
          cut = 0;
        } else if (len < MAX_LINE) {
          line[len++] = b;
        } else {
          cut++;
        }
      }
    }
    if (len > 0 || cut > 0) {
      out.accept(text(line, len, cut));
    }
  }

  private static String text(byte[] line, int len, long cut) {
    String s = new String(line, 0, len, StandardCharsets.UTF_8);
    return cut == 0 ? s : s + " [... " + cut + " more bytes of this line not shown]";
  }

  private static long sizeOrZero(Path file) throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0;
    }
  }
}
