package xm.acm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import xm.diag.XmException;

/**
 * The binary form {@code makepolicy} writes beside a policy ({@code .bin}), and its reader. The
 * layout (all numbers big-endian; strings as Java's modified UTF-8, a u16 length then bytes):
 *
 * <pre>
 *   magic          8 bytes  "XMACMBIN"
 *   format version u16      1
 *   body length    u32      bytes of body that follow the checksum
 *   checksum       u32      CRC32 of the body
 *   body:
 *     policy name, policy version           strings
 *     xml digest                             32 bytes, SHA-256 of the policy XML it was made from
 *     bootstrap label                        string
 *     Chinese Wall part, then STE part, each:
 *       types      u32 n, then n strings    (type number = position; sorted by name)
 *       ssids      u32 m, then m strings    (label name of each ssid; ssid 0 is the null label)
 *       matrix     m rows of n bytes        (1 if the ssid holds the type, else 0)
 *       conflict sets u32 k, then k x (string name, u32 count, count x u32 type number)
 *                                           (always 0 in the STE part)
 * </pre>
 *
 * The ssid numbering is {@link Ssids}' (the {@code .map}'s). A reader refuses a wrong magic, an
 * unknown format version, a body length that does not match the file (truncated or extended), a
 * checksum that does not match (damaged), and, given the XML, a digest that does not match it
 * (stale: the XML changed after makepolicy).
 */
public final class PolicyBin {
  public static final byte[] MAGIC = "XMACMBIN".getBytes(StandardCharsets.US_ASCII);
  public static final int FORMAT_VERSION = 1;
  static final int HEADER = MAGIC.length + 2 + 4 + 4;
  private static final int MAX_COUNT = 1 << 16;

  private PolicyBin() {}

  /**
   * One policy part: its types, the label of each ssid, the ssid x type matrix, its conflict sets.
   */
  public record Part(
      List<String> types,
      List<String> ssids,
      List<List<Boolean>> matrix,
      List<Conflict> conflicts) {
    public Part {
      types = List.copyOf(types);
      ssids = List.copyOf(ssids);
      matrix = matrix.stream().map(List::copyOf).toList();
      conflicts = List.copyOf(conflicts);
    }
  }

  /** A conflict set by type numbers. */
  public record Conflict(String name, List<Integer> types) {
    public Conflict {
      types = List.copyOf(types);
    }
  }

  /** What a {@code .bin} holds. */
  public record Compiled(
      String name, String version, String xmlSha256, String bootstrap, Part chwall, Part ste) {}

  /** Compiles a checked policy made from {@code xml} (the file's bytes, for the digest). */
  public static Compiled compile(SecurityPolicy p, byte[] xml) {
    Ssids s = new Ssids(p);
    String nullLabel =
        p.vmLabel(SecurityPolicy.UNLABELED).isPresent()
            ? SecurityPolicy.UNLABELED
            : "__NULL_LABEL__";
    List<String> cwTypes = Ssids.sorted(p.chwallTypes());
    List<String> cwSsids = new ArrayList<>();
    List<List<Boolean>> cwMatrix = new ArrayList<>();
    if (!cwTypes.isEmpty()) {
      cwSsids.add(nullLabel);
      cwMatrix.add(row(cwTypes, List.of()));
      for (VmLabel v : s.chwallLabels()) {
        cwSsids.add(v.name());
        cwMatrix.add(row(cwTypes, v.chwallTypes()));
      }
    }
    List<Conflict> conflicts = new ArrayList<>();
    for (ConflictSet c : p.conflictSets()) {
      conflicts.add(new Conflict(c.name(), c.types().stream().map(cwTypes::indexOf).toList()));
    }
    List<String> steTypes = Ssids.sorted(p.steTypes());
    List<String> steSsids = new ArrayList<>();
    List<List<Boolean>> steMatrix = new ArrayList<>();
    if (!steTypes.isEmpty()) {
      steSsids.add(nullLabel);
      steMatrix.add(row(steTypes, List.of()));
      for (VmLabel v : s.steLabels()) {
        steSsids.add(v.name());
        steMatrix.add(row(steTypes, v.steTypes()));
      }
      for (ResourceLabel r : s.resourceLabels()) {
        steSsids.add(r.name());
        steMatrix.add(row(steTypes, r.steTypes()));
      }
    }
    return new Compiled(
        p.name(),
        p.version(),
        sha256(xml),
        p.bootstrap(),
        new Part(cwTypes, cwSsids, cwMatrix, conflicts),
        new Part(steTypes, steSsids, steMatrix, List.of()));
  }

  private static List<Boolean> row(List<String> types, List<String> held) {
    return types.stream().map(held::contains).toList();
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The file's bytes. */
  public static byte[] write(Compiled c) {
    try {
      ByteArrayOutputStream bodyBytes = new ByteArrayOutputStream();
      DataOutputStream b = new DataOutputStream(bodyBytes);
      b.writeUTF(c.name());
      b.writeUTF(c.version());
      b.write(HexFormat.of().parseHex(c.xmlSha256()));
      b.writeUTF(c.bootstrap());
      writePart(b, c.chwall());
      writePart(b, c.ste());
      b.flush();
      byte[] body = bodyBytes.toByteArray();
      CRC32 crc = new CRC32();
      crc.update(body);
      ByteBuffer out = ByteBuffer.allocate(HEADER + body.length);
      out.put(MAGIC)
          .putShort((short) FORMAT_VERSION)
          .putInt(body.length)
          .putInt((int) crc.getValue())
          .put(body);
      return out.array();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writePart(DataOutputStream b, Part p) throws IOException {
    b.writeInt(p.types().size());
    for (String t : p.types()) {
      b.writeUTF(t);
    }
    b.writeInt(p.ssids().size());
    for (String s : p.ssids()) {
      b.writeUTF(s);
    }
    for (List<Boolean> r : p.matrix()) {
      for (boolean v : r) {
        b.writeByte(v ? 1 : 0);
      }
    }
    b.writeInt(p.conflicts().size());
    for (Conflict c : p.conflicts()) {
      b.writeUTF(c.name());
      b.writeInt(c.types().size());
      for (int t : c.types()) {
        b.writeInt(t);
      }
    }
  }

  /**
   * Reads a {@code .bin} named {@code source} (for messages) and checks it against the XML it
   * should have been made from ({@code xml}, or null to skip that check).
   */
  public static Compiled read(String source, byte[] bin, byte[] xml, String policy) {
    String again = "run 'xm makepolicy " + policy + "' again";
    if (bin.length < HEADER || !Arrays.equals(Arrays.copyOf(bin, MAGIC.length), MAGIC)) {
      throw XmException.badInput(
          source + ": not an xm binary policy (no XMACMBIN header); " + again);
    }
    ByteBuffer h = ByteBuffer.wrap(bin);
    h.position(MAGIC.length);
    int version = h.getShort() & 0xffff;
    if (version != FORMAT_VERSION) {
      throw XmException.badInput(
          source
              + ": binary policy format "
              + version
              + " is not one this xm reads ("
              + FORMAT_VERSION
              + "); "
              + again);
    }
    long length = h.getInt() & 0xffffffffL;
    long crcWanted = h.getInt() & 0xffffffffL;
    if (length != bin.length - HEADER) {
      throw XmException.badInput(
          source
              + ": binary policy is "
              + (length > bin.length - HEADER ? "truncated" : "longer than it says")
              + " ("
              + (bin.length - HEADER)
              + " bytes of policy, header says "
              + length
              + "); "
              + again);
    }
    CRC32 crc = new CRC32();
    crc.update(bin, HEADER, bin.length - HEADER);
    if (crc.getValue() != crcWanted) {
      throw XmException.badInput(
          source + ": binary policy is damaged (checksum does not match); " + again);
    }
    Compiled c;
    try {
      DataInputStream in =
          new DataInputStream(new ByteArrayInputStream(bin, HEADER, bin.length - HEADER));
      String name = in.readUTF();
      String ver = in.readUTF();
      byte[] digest = in.readNBytes(32);
      if (digest.length != 32) {
        throw new IOException("short digest");
      }
      String boot = in.readUTF();
      Part cw = readPart(in);
      Part ste = readPart(in);
      if (in.available() != 0) {
        throw new IOException("trailing bytes");
      }
      c = new Compiled(name, ver, HexFormat.of().formatHex(digest), boot, cw, ste);
    } catch (IOException | RuntimeException e) {
      throw XmException.badInput(
          source + ": binary policy is malformed (" + e.getMessage() + "); " + again);
    }
    if (xml != null && !sha256(xml).equals(c.xmlSha256())) {
      throw XmException.badInput(
          source + ": binary policy is stale: the policy XML changed after it was made; " + again);
    }
    return c;
  }

  private static Part readPart(DataInputStream in) throws IOException {
    int nt = count(in);
    List<String> types = new ArrayList<>();
    for (int i = 0; i < nt; i++) {
      types.add(in.readUTF());
    }
    int ns = count(in);
    List<String> ssids = new ArrayList<>();
    for (int i = 0; i < ns; i++) {
      ssids.add(in.readUTF());
    }
    List<List<Boolean>> matrix = new ArrayList<>();
    for (int i = 0; i < ns; i++) {
      List<Boolean> r = new ArrayList<>();
      for (int j = 0; j < nt; j++) {
        int v = in.readUnsignedByte();
        if (v > 1) {
          throw new IOException("matrix cell " + v);
        }
        r.add(v == 1);
      }
      matrix.add(r);
    }
    int nc = count(in);
    List<Conflict> conflicts = new ArrayList<>();
    for (int i = 0; i < nc; i++) {
      String name = in.readUTF();
      int k = count(in);
      List<Integer> ts = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        int t = in.readInt();
        if (t < 0 || t >= nt) {
          throw new IOException("conflict set type " + t);
        }
        ts.add(t);
      }
      conflicts.add(new Conflict(name, ts));
    }
    return new Part(types, ssids, matrix, conflicts);
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_COUNT) {
      throw new IOException("count " + n);
    }
    return n;
  }
}
