package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A file's bytes as pieces: the same bytes whichever way they are cut, and any difference shows.
 */
class PiecesTest {
  @Property(tries = 300)
  void pieces_are_their_bytes_and_tell_any_difference(
      @ForAll @Size(max = 8) List<@Size(max = 20) List<Byte>> cuts,
      @ForAll @IntRange(min = 0, max = 1000) int flip) {
    List<byte[]> parts = new ArrayList<>();
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (List<Byte> c : cuts) {
      byte[] p = new byte[c.size()];
      for (int i = 0; i < p.length; i++) {
        p[i] = c.get(i);
      }
      parts.add(p);
      all.writeBytes(p);
    }
    byte[] bytes = all.toByteArray();
    Pieces pieces = new Pieces(parts);
    assertEquals(bytes.length, pieces.length());
    assertArrayEquals(bytes, pieces.toArray());
    ByteBuffer b = ByteBuffer.allocateDirect(bytes.length + 3);
    pieces.copyTo(b);
    b.flip();
    assertTrue(pieces.sameAs(b));
    assertEquals(0, b.position(), "the position is kept");
    if (bytes.length > 0) {
      byte[] other = bytes.clone();
      other[flip % other.length] ^= 1;
      assertFalse(pieces.sameAs(ByteBuffer.wrap(other)));
      assertFalse(pieces.sameAs(ByteBuffer.wrap(bytes, 0, bytes.length - 1)));
    }
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    assertFalse(pieces.sameAs(ByteBuffer.wrap(longer)));
  }
}
