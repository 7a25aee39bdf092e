package xm.hypervisor.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The framing of {@code state.journal}: the commits made since the checkpoint {@code state.sxp},
 * one record per durable write, appended and fsync'ed, so that a commit costs what it changed, not
 * the size of the host (see docs/decisions.md, "State: a checkpoint and a journal").
 *
 * <p>A record is a frame: a marker that cannot occur in UTF-8 text, the payload's length, a CRC32
 * (of the length, both revisions and the payload), the revision the commit follows, the revision it
 * makes, then the payload (S-expression text, see {@link StateCodec#commitText}). The first record
 * is a header whose revisions are both the checkpoint revision the journal follows (its base).
 *
 * <p>A record that is cut short or whose checksum fails is either the tail of a write that never
 * completed (its caller was never told it succeeded: ignored, and cut away by the next writer) or
 * damage in the middle of the file (reported, never overwritten). It is the tail when no intact
 * record follows it anywhere in the file: only the last write can be incomplete, because each is
 * fsync'ed before the next begins.
 */
final class Journal {
  static final String FILE = "state.journal";

  /** Not valid UTF-8 (0xF0 must be followed by a continuation byte), so never inside a payload. */
  private static final byte[] MARK = {(byte) 0xF0, 'x', 'm', 'j'};

  /** Marker, length, CRC32, from, to. */
  static final int FRAME_HEADER = 4 + 4 + 4 + 8 + 8;

  static final byte[] HEADER_PAYLOAD = "(xm-journal (format 1))\n".getBytes(StandardCharsets.UTF_8);

  private Journal() {}

  /**
   * One intact record: where it starts, its whole size, the revisions it goes from and to, its
   * text.
   */
  record Entry(long offset, int size, long from, long to, int crc, byte[] payload) {
    long end() {
      return offset + size;
    }
  }

  /**
   * What a journal file holds: its base revision (from the header), its intact records after the
   * header, where the intact part ends, and the file's size (larger when a torn tail follows).
   */
  record Scan(long base, Entry header, List<Entry> entries, long validEnd, long size) {
    boolean tornTail() {
      return size > validEnd;
    }

    /** The last intact record (the header when there is none). */
    Entry last() {
      return entries.isEmpty() ? header : entries.get(entries.size() - 1);
    }
  }

  /** A record in the middle of the journal is damaged: intact records follow it. */
  static final class Damaged extends Exception {
    final long offset;

    Damaged(long offset, String reason) {
      super(reason);
      this.offset = offset;
    }
  }

  /** The frame of a record going from revision {@code from} to {@code to}. */
  static byte[] frame(long from, long to, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(FRAME_HEADER + payload.length);
    b.put(MARK)
        .putInt(payload.length)
        .putInt(crc(payload.length, from, to, payload, 0))
        .putLong(from)
        .putLong(to)
        .put(payload);
    return b.array();
  }

  /** The header record of a journal following checkpoint revision {@code base}. */
  static byte[] header(long base) {
    return frame(base, base, HEADER_PAYLOAD);
  }

  /** The record {@code frame} (made by {@link #frame}) as it lies at {@code offset}. */
  static Entry entryOf(byte[] frame, long offset) {
    ByteBuffer b = ByteBuffer.wrap(frame, MARK.length, FRAME_HEADER - MARK.length);
    int length = b.getInt();
    int crc = b.getInt();
    return new Entry(offset, FRAME_HEADER + length, b.getLong(), b.getLong(), crc, null);
  }

  /**
   * Whether {@code bytes} begin with the frame header of {@code e} (the same record, unchanged).
   */
  static boolean sameFrame(byte[] bytes, Entry e) {
    if (bytes.length < e.size()) {
      return false;
    }
    for (int i = 0; i < MARK.length; i++) {
      if (bytes[i] != MARK[i]) {
        return false;
      }
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, MARK.length, FRAME_HEADER - MARK.length);
    return b.getInt() + FRAME_HEADER == e.size()
        && b.getInt() == e.crc()
        && b.getLong() == e.from()
        && b.getLong() == e.to();
  }

  private static int crc(int length, long from, long to, byte[] bytes, int payloadAt) {
    CRC32 c = new CRC32();
    c.update(ByteBuffer.allocate(20).putInt(length).putLong(from).putLong(to).array());
    c.update(bytes, payloadAt, length);
    return (int) c.getValue();
  }

  /**
   * Reads the records of {@code bytes} (a whole journal file, or its part from {@code start}, where
   * a record begins). Null when the file has no intact header (empty, or cut inside the header: a
   * journal is made whole by a rename, so this is one never begun). {@code header} is the header to
   * assume when scanning from the middle.
   */
  static Scan scan(byte[] bytes, long start, Entry header) throws Damaged {
    int at = 0;
    if (header == null) {
      header = at(bytes, 0, 0);
      if (header == null || header.from() != header.to()) {
        if (header == null && following(bytes, 0) < 0) {
          return null;
        }
        throw new Damaged(0, "the journal's header record is damaged");
      }
      at = header.size();
    }
    List<Entry> entries = new ArrayList<>();
    while (at < bytes.length) {
      Entry e = at(bytes, at, start);
      if (e == null) {
        long next = following(bytes, at + 1);
        if (next >= 0) {
          throw new Damaged(
              start + at,
              "a damaged record (cut short or failing its checksum) is followed by intact"
                  + " records at byte "
                  + (start + next));
        }
        break; // a torn tail: a write that never completed
      }
      entries.add(e);
      at += e.size();
    }
    return new Scan(header.from(), header, entries, start + at, start + bytes.length);
  }

  /** The intact record at {@code bytes[at]}, or null. */
  private static Entry at(byte[] bytes, int at, long start) {
    if (bytes.length - at < FRAME_HEADER) {
      return null;
    }
    for (int i = 0; i < MARK.length; i++) {
      if (bytes[at + i] != MARK[i]) {
        return null;
      }
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, at + MARK.length, FRAME_HEADER - MARK.length);
    int length = b.getInt();
    int crc = b.getInt();
    long from = b.getLong();
    long to = b.getLong();
    if (length < 0 || length > bytes.length - at - FRAME_HEADER || to < from) {
      return null;
    }
    if (crc(length, from, to, bytes, at + FRAME_HEADER) != crc) {
      return null;
    }
    byte[] payload =
        java.util.Arrays.copyOfRange(bytes, at + FRAME_HEADER, at + FRAME_HEADER + length);
    return new Entry(start + at, FRAME_HEADER + length, from, to, crc, payload);
  }

  /** Where the first intact record at or after {@code from} begins, or -1. */
  private static long following(byte[] bytes, int from) {
    for (int i = from; i + FRAME_HEADER <= bytes.length; i++) {
      if (bytes[i] == MARK[0] && at(bytes, i, 0) != null) {
        return i;
      }
    }
    return -1;
  }
}
