package xm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Xm;

/**
 * Issue #8 items 4 and 19, the paths a first review missed: xm host init writes nothing the host
 * cannot read back; specs take the memory every other path takes; config and vnet files that cannot
 * be read, or are not UTF-8, say why and where.
 */
class ReadBackInputsTest {
  @TempDir Path dir;

  @Test
  void host_init_with_a_value_the_host_cannot_read_back_writes_nothing() throws Exception {
    Xm xm = new Xm(dir.resolve("home"), dir);
    for (List<String> bad :
        List.of(
            List.of("--memory", "5000000000"),
            List.of("--memory", "9223372036854775807"),
            List.of("--shutdown-delay", "9223372036854775807"),
            List.of("--op-latency", "9223372036854775807"),
            List.of("--block-devices", "/etc/passwd"))) {
      List<String> argv = new java.util.ArrayList<>(List.of("host", "init", "h1"));
      argv.addAll(bad);
      Xm.Run r = xm.run(argv);
      assertEquals(1, r.code(), bad + ": " + r);
      assertTrue(
          r.error().startsWith("Error: Invalid host 'h1': ")
              && r.error().endsWith("nothing was written"),
          r.error());
      assertFalse(
          Files.exists(dir.resolve("home/hosts/h1")), bad + " left the host's directory behind");
    }
    assertEquals(0, xm.run("host", "list").code(), "the other commands still read every host");
    assertEquals(0, xm.run("host", "init", "h1").code(), "and the name is still free");
  }

  @Test
  void specs_take_the_memory_every_other_path_takes() {
    Xm xm = new Xm(dir.resolve("home"), dir);
    xm.file(
        "big.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: big}\n"
            + "spec: {kernel: /boot/vmlinuz, memory: 64, maxmem: 4294967296}\n");
    Xm.Run r = xm.run("diff", "-f", "big.yaml");
    assertEquals(2, r.code(), r.toString()); // drift (a create), not a spec error
    xm.file(
        "bigger.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: big}\n"
            + "spec: {kernel: /boot/vmlinuz, memory: 64, maxmem: 4294967297}\n");
    r = xm.run("diff", "-f", "bigger.yaml");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.error().contains("bigger.yaml:4:") && r.error().contains("4294967296"), r.error());
    assertEquals(
        0,
        xm.run(
                "create",
                "-q",
                "/dev/null",
                "name=big",
                "kernel=/boot/k",
                "memory=64",
                "maxmem=2000000000")
            .code());
    assertEquals(
        0, xm.run("list", "-o", "yaml", "big").code(), "what create accepts, list -o yaml exports");
  }

  @Test
  void a_config_file_that_is_not_utf8_is_refused_where_the_byte_is() throws Exception {
    Xm xm = new Xm(dir.resolve("home"), dir);
    Files.write(
        dir.resolve("latin1.cfg"),
        "name=\"lat\"\nkernel=\"/k\"\nmemory=64\nextra=\"caf\u00e9\"\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    Xm.Run r = xm.run("create", "latin1.cfg");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.error()
            .endsWith(
                "latin1.cfg:4:11: not UTF-8 (byte 0xe9 at offset 43); save the file as UTF-8"
                    + " (e.g. iconv -f latin1 -t utf-8)"),
        r.error());
    assertFalse(xm.run("list").out().contains("lat "), "nothing was created");
  }

  @Test
  void a_control_character_in_a_spec_is_refused_where_it_is() {
    Xm xm = new Xm(dir.resolve("home"), dir);
    xm.file(
        "nul.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: a\u0000b}\nspec: {kernel: /k}\n");
    Xm.Run r = xm.run("diff", "-f", "nul.yaml");
    assertEquals(1, r.code(), r.toString());
    assertEquals(
        "Error: nul.yaml:3:19: YAML does not allow the character U+0000 (a control character); remove it",
        r.error());
  }

  @Test
  void a_config_or_vnet_file_that_cannot_be_read_says_why() throws Exception {
    Xm xm = new Xm(dir.resolve("home"), dir);
    Files.createDirectories(dir.resolve("adir.cfg"));
    Xm.Run r = xm.run("create", "adir.cfg");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.error().matches("Error: Unable to open config file: .*adir\\.cfg: Is a directory"),
        r.error());
    assertFalse(r.error().contains("(" + dir), "the reason is not the path again: " + r.error());
    Files.createDirectories(dir.resolve("adir.vnet"));
    r = xm.run("vnet-create", "adir.vnet");
    assertEquals(1, r.code(), r.toString());
    assertEquals(
        "Error: Cannot read adir.vnet: not a regular file (a vnet config is one)", r.error());
    assertEquals("Error: File not found: none.vnet", xm.run("vnet-create", "none.vnet").error());
  }
}
