package xm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.config.py.ConfigScript;
import xm.diag.XmException;
import xm.hypervisor.DomainConfig;
import xm.spec.SpecError;
import xm.spec.SpecLoader;
import xm.spec.SpecWriter;
import xm.testing.Xm;

/**
 * {@code xm convert} writes a file that xm executes as Python, so a domain's extras must never
 * become code: whatever an extras key or value holds, the file is refused, or it defines exactly
 * the fields the domain declares, with exactly their values, and nothing else.
 */
class ConvertExtrasProperties {
  private static DomainConfig domain(Map<String, String> extras) {
    return new DomainConfig(
        "web1",
        null,
        null,
        "/boot/vmlinuz",
        null,
        "root=/dev/xvda1 ro",
        256,
        256,
        1,
        1,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        extras);
  }

  /** The variables the file for {@code extras} defines when our interpreter runs it. */
  private static Map<String, Object> variables(String cfg) {
    Map<String, Object> vars =
        new LinkedHashMap<>(ConfigScript.run("web1.cfg", cfg, Map.of()).variables());
    vars.remove("xm_vars");
    return vars;
  }

  @Property(tries = 1000)
  void extras_are_refused_or_written_as_exactly_their_values(
      @ForAll("keys") String key, @ForAll("values") String value) {
    DomainConfig c = domain(Map.of(key, value));
    try {
      String yaml = SpecWriter.yaml(c, null, null);
      assertEquals(c, SpecLoader.parse("web1.yaml", yaml).domains().get(0).config(), yaml);
    } catch (SpecError e) {
      assertTrue(
          e.getMessage().matches("(?s)web1\\.yaml:\\d+:\\d+: (extras key |empty key in extras).*"),
          e.getMessage());
      assertTrue(
          ExtrasKeys.problem(key) != null,
          "the spec was refused though the key is fine: " + e.getMessage());
    }
    String cfg;
    try {
      cfg = CfgWriter.cfg(c, "from a test");
    } catch (XmException e) {
      assertTrue(e.getMessage().startsWith("cannot write"), e.getMessage());
      return;
    }
    assertEquals(null, ExtrasKeys.problem(key), "the writer wrote a key the spec refuses:\n" + cfg);
    Map<String, Object> expected = variables(CfgWriter.cfg(domain(Map.of()), null));
    Map<String, Object> got = variables(cfg);
    Object written = got.remove(key);
    assertEquals(expected, got, "a field changed or a variable appeared:\n" + cfg);
    assertEquals(value, written instanceof String s ? s : ConfigScript.repr(written), cfg);
    if (CfgKeys.known(key)) {
      // xm create keeps only the options it knows, as Xen's did; those come back as the same
      // domain, or as a
      // located refusal when the value is not one the option takes (nics = 'x')
      try {
        assertEquals(c, XmConfigFile.build("web1.cfg", cfg, List.of(), Path.of("/"), "x"), cfg);
      } catch (XmException e) {
        assertTrue(e.getMessage().startsWith("web1.cfg:"), e.getMessage());
      }
    }
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars('_', '0', '9', 'A')
            .ofMinLength(1)
            .ofMaxLength(12),
        Arbitraries.of(
            "vnc",
            "boot",
            "usbdevice",
            "device_model",
            "memory",
            "name",
            "kernel",
            "extra",
            "uuid",
            "import",
            "None",
            "True",
            "__builtins__",
            "x\nimport os",
            "os.system",
            "a b",
            "1x",
            "",
            "é",
            "vnc #",
            "cpu_weight",
            "shadow_memory",
            "nics"),
        Arbitraries.strings().ofMaxLength(10));
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(30),
        Arbitraries.strings().withChars("'\"\\\n\r\t#\u0000\u2028\u0085 ;=()aZ0").ofMaxLength(20),
        Arbitraries.of(
            "1",
            "0",
            "-5",
            "007",
            "1.5",
            "1e5",
            "9223372036854775807",
            "99999999999999999999",
            "'\nimport os\nos.system('touch /tmp/pwned')\n#",
            "\\",
            "'",
            "\"",
            "''' \"\"\"",
            "\\x41",
            "\\\n",
            "é€😀"));
  }

  /**
   * The values Python 3 reads from the file are the declared ones too (Xen's xm runs the file in
   * Python).
   */
  @Test
  void python_reads_the_same_values(@TempDir Path dir) throws Exception {
    List<String> values =
        new ArrayList<>(Arbitraries.strings().ofMaxLength(40).sampleStream().limit(300).toList());
    values.addAll(
        List.of("'\nimport os\n#", "\\", "\u0000\u001b[31m", "é€😀", "\u2028\u0085\r", "a'b\"c"));
    Map<String, String> extras = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).chars().noneMatch(ch -> Character.isSurrogate((char) ch))) {
        extras.put(String.format("val_%03d", i), values.get(i));
      }
    }
    Path cfg =
        Files.writeString(
            dir.resolve("web1.cfg"), CfgWriter.cfg(domain(extras), "x"), StandardCharsets.UTF_8);
    Path out = dir.resolve("out.txt");
    String script =
        "import sys\ng = {}\nexec(compile(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec'), g)\n"
            + "open(sys.argv[2], 'w', encoding='utf-8', newline='').write(''.join("
            + "'%s=%s\\n' % (k, g[k].encode('unicode_escape').decode('ascii')) for k in sorted(g) if k.startswith('val_')))\n";
    Process p;
    try {
      p =
          new ProcessBuilder("python3", "-c", script, cfg.toString(), out.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      Assumptions.abort("python3 is not installed");
      return;
    }
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), said);
    StringBuilder expected = new StringBuilder();
    extras.forEach((k, v) -> expected.append(k).append('=').append(unicodeEscape(v)).append('\n'));
    assertEquals(expected.toString(), Files.readString(out, StandardCharsets.UTF_8));
  }

  /** Python's 'unicode_escape' codec, for comparing values as ASCII text. */
  private static String unicodeEscape(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                  if (cp >= 0x20 && cp < 0x7f) {
                    b.appendCodePoint(cp);
                  } else if (cp < 0x100) {
                    b.append(String.format("\\x%02x", cp));
                  } else if (cp < 0x10000) {
                    b.append(String.format("\\u%04x", cp));
                  } else {
                    b.append(String.format("\\U%08x", cp));
                  }
                }
              }
            });
    return b.toString();
  }

  @Test
  void xm_convert_refuses_an_extras_key_that_would_be_code_with_its_place(@TempDir Path dir) {
    Xm xm = new Xm(dir);
    xm.file(
        "web1.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata:\n  name: web1\nspec:\n  kernel: /boot/vmlinuz\n"
            + "  memory: 256\n  extras:\n    vnc: '1'\n    \"x\\nimport os\": '1'\n    memory: '4096'\n");
    Xm.Run r = xm.run("convert", "web1.yaml");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.err().contains("web1.yaml:10:5: extras key 'x\\nimport os' must be a Python name"),
        r.toString());
    assertTrue(
        r.err()
            .contains(
                "web1.yaml:11:5: extras key 'memory' is an option xm writes from the domain's own fields"),
        r.toString());
    assertEquals("", r.out());
  }

  @Test
  void xm_convert_writes_a_hostile_value_as_one_literal(@TempDir Path dir) {
    Xm xm = new Xm(dir);
    xm.file(
        "web1\nimport os.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata:\n  name: web1\nspec:\n"
            + "  kernel: /boot/vmlinuz\n  memory: 256\n  extras:\n    vnc: \"1'\\nimport os\\nos.system('id')\\n#\"\n");
    Xm.Run r = xm.run("convert", "web1\nimport os.yaml");
    assertEquals(0, r.code(), r.toString());
    for (String line : r.out().split("\n")) {
      assertFalse(line.startsWith("import") || line.startsWith("os."), r.out());
    }
    assertEquals("1'\nimport os\nos.system('id')\n#", variables(r.out()).get("vnc"), r.out());
  }
}
