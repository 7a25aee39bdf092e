package xm.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import xm.diag.XmException;

/**
 * A {@code .bin} reads back as written; any damage to it, and a changed XML, is refused with a
 * clear error.
 */
class PolicyBinProperties {
  private static final byte[] XML = Policies.SMALL.getBytes(StandardCharsets.UTF_8);
  private static final byte[] BIN =
      PolicyBin.write(PolicyBin.compile(Policies.read(Policies.SMALL), XML));

  @Provide
  Arbitrary<SecurityPolicy> policies() {
    return new PolicyXmlProperties().policies();
  }

  @Property(tries = 200)
  void roundTrip(@ForAll("policies") SecurityPolicy p, @ForAll byte[] xml) {
    PolicyBin.Compiled c = PolicyBin.compile(p, xml);
    assertEquals(c, PolicyBin.read("p.bin", PolicyBin.write(c), xml, p.name()));
  }

  @Property(tries = 500)
  void anySingleByteChangeIsDetected(
      @ForAll @IntRange(min = 0, max = 100_000) int where,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    byte[] bad = BIN.clone();
    bad[where % bad.length] ^= (byte) xor;
    XmException e =
        assertThrows(XmException.class, () -> PolicyBin.read("p.bin", bad, XML, "test.small"));
    assertTrue(
        e.getMessage().startsWith("p.bin: ")
            && e.getMessage().endsWith("run 'xm makepolicy test.small' again"),
        e.getMessage());
  }

  @Property(tries = 300)
  void truncationAndExtensionAreDetected(
      @ForAll @IntRange(min = 0, max = 100_000) int cut, @ForAll boolean extend) {
    byte[] bad =
        extend
            ? Arrays.copyOf(BIN, BIN.length + 1 + cut % 7)
            : Arrays.copyOf(BIN, cut % BIN.length);
    assertThrows(XmException.class, () -> PolicyBin.read("p.bin", bad, XML, "test.small"));
  }

  @Test
  void staleBinIsDetected() {
    byte[] changed =
        Policies.SMALL
            .replace("<Version>1.0</Version>", "<Version>1.1</Version>")
            .getBytes(StandardCharsets.UTF_8);
    XmException e =
        assertThrows(XmException.class, () -> PolicyBin.read("p.bin", BIN, changed, "test.small"));
    assertTrue(e.getMessage().contains("stale"), e.getMessage());
  }

  @Test
  void holdsBothPartsInSsidOrder() {
    PolicyBin.Compiled c = PolicyBin.read("p.bin", BIN, XML, "test.small");
    assertEquals("test.small", c.name());
    assertEquals("1.0", c.version());
    assertEquals(java.util.List.of("cw_a", "cw_b", "cw_sys"), c.chwall().types());
    assertEquals(java.util.List.of("__NULL_LABEL__", "sys", "web"), c.chwall().ssids());
    assertEquals(
        java.util.List.of(new PolicyBin.Conflict("ab", java.util.List.of(0, 1))),
        c.chwall().conflicts());
    assertEquals(java.util.List.of("__NULL_LABEL__", "sys", "web", "webdisk"), c.ste().ssids());
    assertEquals(
        java.util.List.of(false, false, true),
        c.ste().matrix().get(2)); // web holds web (types db, sys, web)
  }

  @Property(tries = 50)
  void garbageIsRefused(@ForAll("garbage") byte[] junk) {
    assertThrows(XmException.class, () -> PolicyBin.read("p.bin", junk, null, "test.small"));
  }

  @Provide
  Arbitrary<byte[]> garbage() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMaxSize(64)
        .map(
            b -> {
              byte[] out = Arrays.copyOf(PolicyBin.MAGIC, PolicyBin.MAGIC.length + b.length);
              System.arraycopy(b, 0, out, PolicyBin.MAGIC.length, b.length);
              return out;
            });
  }
}
