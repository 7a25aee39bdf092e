package xm.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The words for a file that cannot be read, and UTF-8 that is not: one wording for every file xm
 * reads.
 */
public final class TextFiles {
  private TextFiles() {}

  /**
   * Why an I/O operation failed: the system's words as strerror has them ("No space left on
   * device", "Is a directory"), and the commonest in xm's own ("permission denied").
   */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileSystemLoopException) {
      return "a symbolic link loop";
    }
    if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
      return f.getReason()
          .trim(); // the system's words, as strerror has them ("Read-only file system")
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** UTF-8 bytes as text, or why they are not UTF-8. */
  public record Decoded(String text, String problem) {}

  /**
   * The text of UTF-8 {@code bytes}; when they are not UTF-8, the problem instead: {@code
   * name:line:column: not UTF-8 (byte 0xe9 at offset 69)} and the fix.
   */
  public static Decoded utf8(String name, byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      int at = in.position();
      return new Decoded(
          null,
          name
              + ":"
              + lineColumn(bytes, at)
              + ": not UTF-8 (byte "
              + String.format("0x%02x", bytes[at] & 0xff)
              + " at offset "
              + at
              + ")"
              + (looksLikeUtf16(bytes)
                  ? "; it looks like UTF-16; save the file as UTF-8 (e.g. iconv -f utf-16 -t utf-8)"
                  : "; save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)"));
    }
    return new Decoded(out.flip().toString(), null);
  }

  /** 1-based line and column (in characters) of byte {@code offset} of UTF-8 text. */
  private static String lineColumn(byte[] bytes, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        column = 1;
      } else if ((bytes[i] & 0xc0) != 0x80) {
        column++;
      }
    }
    return line + ":" + column;
  }

  private static boolean looksLikeUtf16(byte[] b) {
    return b.length >= 2
        && ((b[0] == (byte) 0xff && b[1] == (byte) 0xfe)
            || (b[0] == (byte) 0xfe && b[1] == (byte) 0xff));
  }
}
