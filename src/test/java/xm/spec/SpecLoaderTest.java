package xm.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {
  @TempDir Path dir;

  static String domain(String name, String extra) {
    return "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: "
        + name
        + "}\nspec:\n  kernel: /boot/k\n"
        + extra;
  }

  @Test
  void reads_standard_input_with_dash() {
    InputStream in =
        new ByteArrayInputStream(domain("web1", "  memory: 64\n").getBytes(StandardCharsets.UTF_8));
    SpecSet set = SpecLoader.load(List.of("-"), dir, in);
    assertEquals("web1", set.domains().get(0).name());
    assertEquals(64, set.domains().get(0).config().memoryMiB());
    assertEquals("<stdin>", set.domains().get(0).location().source());
  }

  @Test
  void reads_directories_recursively_in_sorted_order_and_skips_other_files() throws IOException {
    Files.createDirectories(dir.resolve("b/inner"));
    Files.writeString(dir.resolve("b/inner/z.yml"), domain("z", ""));
    Files.writeString(dir.resolve("a.yaml"), domain("a1", "") + "---\n" + domain("a2", ""));
    Files.writeString(dir.resolve("README.md"), "not a spec");
    SpecSet set = SpecLoader.load(List.of("."), dir, InputStream.nullInputStream());
    assertEquals(List.of("a1", "a2", "z"), set.domains().stream().map(DomainSpec::name).toList());
  }

  @Test
  void a_name_declared_in_two_files_is_an_error_naming_both_places() throws IOException {
    Files.writeString(dir.resolve("one.yaml"), domain("web1", ""));
    Files.writeString(dir.resolve("two.yaml"), "# comment\n" + domain("web1", ""));
    SpecError e =
        assertThrows(
            SpecError.class,
            () -> SpecLoader.load(List.of("."), dir, InputStream.nullInputStream()));
    assertEquals(
        List.of(
            "two.yaml:2:1: domain 'web1' is declared twice (first at one.yaml:1:1); names are unique across all specs"),
        e.problems());
  }

  @Test
  void out_of_range_and_wrong_types_are_located() {
    SpecError e =
        assertThrows(
            SpecError.class,
            () ->
                SpecLoader.parse(
                    "x.yaml",
                    domain(
                        "web1",
                        "  memory: 0\n  vcpus: 5000\n  prune: maybe\n  disks: {source: phy:ram0}\n")));
    assertEquals(
        List.of(
            "x.yaml:6:11: memory must be between 1 and 4294967296, not 0",
            "x.yaml:7:10: vcpus must be between 1 and 4096, not 5000",
            "x.yaml:8:10: prune must be true or false",
            "x.yaml:9:10: disks must be a list (- item)"),
        e.problems());
  }

  @Test
  void only_written_fields_are_declared() {
    DomainSpec d = SpecLoader.parse("x.yaml", domain("web1", "  memory: 64\n")).domains().get(0);
    assertTrue(d.declares("memory"));
    assertTrue(d.declares("state"), "state is always compared (default running)");
    assertTrue(!d.declares("vifs") && !d.declares("maxmem"));
    assertEquals(64, d.config().maxmemMiB(), "maxmem defaults to memory when creating");
  }
}
