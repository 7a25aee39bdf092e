package xm.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading a file whole, but never more than a bound: a file the user names may be {@code
 * /dev/zero}, a pipe or a multi-gigabyte log, and reading it must end, with a clear error, long
 * before memory does. Works on anything that can be opened (pipes and {@code /dev/null} included),
 * since only what is read is counted.
 */
public final class BoundedReads {
  private BoundedReads() {}

  /** Thrown when a file holds more than the bound. */
  public static final class TooLarge extends IOException {
    private final long limit;

    TooLarge(Path file, long limit) {
      super(file + " is larger than " + describe(limit));
      this.limit = limit;
    }

    /** The bound that was exceeded, in bytes. */
    public long limit() {
      return limit;
    }
  }

  /** All of {@code file}'s bytes, or {@link TooLarge} when there are more than {@code limit}. */
  public static byte[] read(Path file, int limit) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(limit);
      if (bytes.length == limit && in.read() >= 0) {
        throw new TooLarge(file, limit);
      }
      return bytes;
    }
  }

  /** {@code bytes} as people read a size: {@code 1 MiB}, {@code 16 MiB}, {@code 512 KiB}. */
  public static String describe(long bytes) {
    if (bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    return bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
  }
}
