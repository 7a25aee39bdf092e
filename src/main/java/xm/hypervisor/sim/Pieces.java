package xm.hypervisor.sim;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The bytes of a file as the pieces they were made of (the state file: a header, then each domain's
 * text, which a domain keeps from one commit to the next), written and compared without first being
 * joined into one large array. Immutable: the pieces are never changed once made.
 */
final class Pieces {
  private final byte[][] parts;
  private final int length;

  Pieces(List<byte[]> parts) {
    this.parts = parts.toArray(new byte[0][]);
    long n = 0;
    for (byte[] p : this.parts) {
      n += p.length;
    }
    if (n > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("too large: " + n + " bytes");
    }
    this.length = (int) n;
  }

  static Pieces of(byte[] bytes) {
    return new Pieces(List.of(bytes));
  }

  int length() {
    return length;
  }

  /** All the bytes in one array. */
  byte[] toArray() {
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** Puts all the bytes into {@code b} at its position (it must have room). */
  void copyTo(ByteBuffer b) {
    for (byte[] p : parts) {
      b.put(p);
    }
  }

  /** Whether the remaining bytes of {@code content} are exactly these (its position is kept). */
  boolean sameAs(ByteBuffer content) {
    if (content.remaining() != length) {
      return false;
    }
    if (content.hasArray()) {
      return sameAs(content.array(), content.arrayOffset() + content.position(), length);
    }
    // piece by piece through one small array: no buffer object per piece, no copy of the whole
    byte[] scratch = new byte[Math.min(length, 1 << 16)];
    int at = content.position();
    for (byte[] p : parts) {
      for (int done = 0; done < p.length; ) {
        int n = Math.min(scratch.length, p.length - done);
        content.get(at, scratch, 0, n);
        if (!java.util.Arrays.equals(scratch, 0, n, p, done, done + n)) {
          return false;
        }
        at += n;
        done += n;
      }
    }
    return true;
  }

  /** Whether {@code bytes[from, from + n)} are exactly these. */
  boolean sameAs(byte[] bytes, int from, int n) {
    if (n != length) {
      return false;
    }
    int at = from;
    for (byte[] p : parts) {
      if (!java.util.Arrays.equals(bytes, at, at + p.length, p, 0, p.length)) {
        return false;
      }
      at += p.length;
    }
    return true;
  }
}
