package xm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import xm.config.py.ConfigScript;
import xm.diag.XmException;
import xm.hypervisor.DomainConfig;

/**
 * Whole numbers in config files are 64-bit and exact: arithmetic either gives Python's answer or is
 * refused on its line (never wrapped, never rounded through a double), and a number becomes a
 * domain field only inside that field's range (never narrowed).
 */
class ConfigNumbersProperties {
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  @Provide
  Arbitrary<Long> whole() {
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.longs().between(-3, 3),
        Arbitraries.of(
            Long.MAX_VALUE,
            Long.MIN_VALUE + 1,
            1L << 53,
            (1L << 53) + 1,
            4294967296L,
            4294967298L,
            -1L));
  }

  @Property(tries = 1000)
  void arithmetic_is_exact_or_refused_on_its_line(
      @ForAll("whole") long a, @ForAll("whole") long b, @ForAll("ops") String op) {
    String text = "pad = 0\nx = (" + literal(a) + ") " + op + " (" + literal(b) + ")\n";
    BigInteger x = BigInteger.valueOf(a);
    BigInteger y = BigInteger.valueOf(b);
    BigInteger exact =
        switch (op) {
          case "+" -> x.add(y);
          case "-" -> x.subtract(y);
          case "*" -> x.multiply(y);
          case "//" -> y.signum() == 0 ? null : floorDiv(x, y);
          default -> y.signum() == 0 ? null : x.subtract(floorDiv(x, y).multiply(y));
        };
    if (exact == null) {
      XmException e = assertThrows(XmException.class, () -> run(text));
      assertTrue(
          e.getMessage().startsWith("n.cfg:2:") && e.getMessage().contains("ZeroDivisionError"),
          e.getMessage());
    } else if (exact.compareTo(MIN) < 0 || exact.compareTo(MAX) > 0) {
      XmException e = assertThrows(XmException.class, () -> run(text));
      assertTrue(
          e.getMessage().startsWith("n.cfg:2:") && e.getMessage().contains("OverflowError"),
          e.getMessage());
    } else {
      assertEquals(exact.longValueExact(), run(text).get("x"), text);
    }
  }

  /**
   * A literal for {@code n}; Long.MIN_VALUE's digits alone are one past the largest number, so it
   * is a sum.
   */
  private static String literal(long n) {
    return n == Long.MIN_VALUE ? "-9223372036854775807 - 1" : Long.toString(n);
  }

  private static BigInteger floorDiv(BigInteger x, BigInteger y) {
    BigInteger[] qr = x.divideAndRemainder(y);
    return qr[1].signum() != 0 && qr[1].signum() != y.signum()
        ? qr[0].subtract(BigInteger.ONE)
        : qr[0];
  }

  @Provide
  Arbitrary<String> ops() {
    return Arbitraries.of("+", "-", "*", "//", "%");
  }

  private static Map<String, Object> run(String text) {
    return ConfigScript.run("n.cfg", text, Map.of()).variables();
  }

  @Provide
  Arbitrary<BigInteger> anyNumber() {
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.TWO.pow(70).negate(), BigInteger.TWO.pow(70)),
        Arbitraries.bigIntegers().between(BigInteger.valueOf(-2), BigInteger.valueOf(300)),
        Arbitraries.of(
            BigInteger.valueOf(4294967298L),
            BigInteger.TWO.pow(32),
            BigInteger.TWO.pow(32).add(BigInteger.ONE),
            BigInteger.TWO.pow(63),
            BigInteger.TWO.pow(64).add(BigInteger.TWO)));
  }

  /**
   * In the file or on the command line, a number is the field's value exactly, or refused naming
   * the field's range.
   */
  @Property(tries = 1000)
  void numbers_become_fields_exactly_or_are_refused(
      @ForAll("anyNumber") BigInteger n,
      @ForAll("fields") String field,
      @ForAll boolean onCommandLine) {
    String text =
        "kernel = '/k'\nmaxvcpus = 4096\nmaxmem = 4294967296\n"
            + (onCommandLine ? "" : field + " = " + n + "\n");
    List<String> args = onCommandLine ? List.of(field + "=" + n) : List.of();
    long low = 1;
    long high = field.startsWith("mem") || field.equals("maxmem") ? 4294967296L : 4096;
    boolean fits =
        n.compareTo(BigInteger.valueOf(low)) >= 0 && n.compareTo(BigInteger.valueOf(high)) <= 0;
    if (fits) {
      DomainConfig c = XmConfigFile.build("n.cfg", text, args, Path.of("/"), "n");
      long got = field.equals("memory") ? c.memoryMiB() : c.vcpus();
      assertEquals(n.longValueExact(), got);
      return;
    }
    XmException e =
        assertThrows(
            XmException.class, () -> XmConfigFile.build("n.cfg", text, args, Path.of("/"), "n"));
    String where = onCommandLine ? "command line " + field + "=...: " : "n.cfg:4:";
    assertTrue(e.getMessage().startsWith(where), e.getMessage());
    boolean literalTooBig = !onCommandLine && n.abs().bitLength() > 63;
    boolean xmSaysZero = n.signum() <= 0 && n.bitLength() <= 63;
    assertTrue(
        literalTooBig
            ? e.getMessage().contains("is outside the numbers xm config files support")
            : xmSaysZero
                ? e.getMessage().contains("zero") || e.getMessage().contains("Zero")
                : e.getMessage()
                    .contains(field + " must be between " + low + " and " + high + ", not " + n),
        e.getMessage());
  }

  @Provide
  Arbitrary<String> fields() {
    return Arbitraries.of("memory", "vcpus");
  }

  @Test
  void the_reported_cases() {
    XmException e =
        assertThrows(
            XmException.class,
            () ->
                XmConfigFile.build(
                    "web1.cfg",
                    "kernel = '/k'\nmemory = 9223372036854775807 + 1\n",
                    List.of(),
                    Path.of("/"),
                    "w"));
    assertEquals(
        "web1.cfg:2:30: OverflowError: 9223372036854775807 + 1 is outside the whole numbers xm config files"
            + " support (-9223372036854775808 to 9223372036854775807)",
        e.getMessage());
    e =
        assertThrows(
            XmException.class,
            () ->
                XmConfigFile.build(
                    "web1.cfg",
                    "kernel = '/k'\nvcpus = 4294967298\n",
                    List.of(),
                    Path.of("/"),
                    "w"));
    assertEquals("web1.cfg:2:1: vcpus must be between 1 and 4096, not 4294967298", e.getMessage());
    e =
        assertThrows(
            XmException.class,
            () ->
                XmConfigFile.build(
                    "web1.cfg", "kernel = '/k'\n", List.of("vcpus=4294967298"), Path.of("/"), "w"));
    assertEquals(
        "command line vcpus=...: vcpus must be between 1 and 4096, not 4294967298", e.getMessage());
    e =
        assertThrows(
            XmException.class,
            () ->
                XmConfigFile.build(
                    "web1.cfg",
                    "kernel = '/k'\nmaxmem = 99999999999\n",
                    List.of(),
                    Path.of("/"),
                    "w"));
    assertEquals(
        "web1.cfg:2:1: maxmem must be between 1 and 4294967296, not 99999999999", e.getMessage());
    assertEquals(
        1L, run("x = 9007199254740993 - 9007199254740992\n").get("x"), "no trip through a double");
    assertEquals(
        2L,
        XmConfigFile.build("w.cfg", "kernel = '/k'\nvcpus = 2.9\n", List.of(), Path.of("/"), "w")
            .vcpus());
    e =
        assertThrows(
            XmException.class,
            () ->
                XmConfigFile.build(
                    "w.cfg", "kernel = '/k'\nmemory = 1e300\n", List.of(), Path.of("/"), "w"));
    assertTrue(e.getMessage().startsWith("w.cfg:2:1: memory must be between"), e.getMessage());
    e = assertThrows(XmException.class, () -> run("x = int('9' * 30)\n"));
    assertTrue(e.getMessage().startsWith("n.cfg:1:8: OverflowError"), e.getMessage());
    e =
        assertThrows(
            XmException.class, () -> run("x = range(-9223372036854775807, 9223372036854775807)\n"));
    assertTrue(e.getMessage().contains("range() too large"), e.getMessage());
  }
}
