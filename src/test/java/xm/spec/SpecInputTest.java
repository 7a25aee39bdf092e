package xm.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Bounded;

/** What the loader reads before parsing: sizes, encodings, files it cannot read. */
class SpecInputTest {
  @TempDir Path dir;

  static final String WEB =
      "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: web1}\nspec: {kernel: /boot/k}\n";

  private SpecError refused(String... sources) {
    return assertThrows(
        SpecError.class,
        () -> SpecLoader.load(List.of(sources), dir, InputStream.nullInputStream()));
  }

  /** A file of {@code bytes} bytes that takes no disk space and would take long to parse. */
  private Path sparse(String name, long bytes) throws IOException {
    Path p = dir.resolve(name);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(bytes);
    }
    return p;
  }

  @Test
  void a_file_larger_than_the_limit_is_refused_by_its_size_before_it_is_read() throws IOException {
    sparse("big.yaml", 20 * SpecLimits.MIB);
    SpecError e = Bounded.run("20 MiB file", () -> refused("big.yaml"));
    assertEquals(
        List.of(
            "big.yaml: 20 MiB is more than the 16 MiB a spec file may hold; split it into several files"),
        e.problems());
  }

  @Test
  void a_set_larger_than_the_limit_is_refused_before_any_file_is_read() throws IOException {
    Files.createDirectories(dir.resolve("fleet"));
    for (int i = 0; i < 5; i++) {
      sparse("fleet/part" + i + ".yaml", 15 * SpecLimits.MIB);
    }
    SpecError e = Bounded.run("5 x 15 MiB", () -> refused("fleet"));
    assertEquals(
        List.of(
            "fleet: the spec files come to 75 MiB, more than the 64 MiB one command reads;"
                + " apply a part at a time (e.g. one directory per --scope)"),
        e.problems());
  }

  @Test
  void endless_standard_input_is_read_only_up_to_the_limit() {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return '#';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) '#');
            return len;
          }
        };
    SpecError e =
        Bounded.run(
            "endless stdin",
            () -> assertThrows(SpecError.class, () -> SpecLoader.load(List.of("-"), dir, endless)));
    assertEquals(
        List.of("<stdin>: more than the 16 MiB a spec file may hold; split it into several files"),
        e.problems());
  }

  @Test
  void the_limits_on_the_whole_set_count_files_and_bytes_across_sources() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), WEB);
    Files.writeString(dir.resolve("b.yaml"), WEB.replace("web1", "web2"));
    SpecLimits twoFiles = new SpecLimits(1 << 20, 1 << 20, 1, 64);
    SpecError e =
        assertThrows(
            SpecError.class,
            () ->
                SpecLoader.read(
                    List.of("a.yaml", "b.yaml"),
                    dir,
                    InputStream.nullInputStream(),
                    true,
                    twoFiles));
    assertEquals(
        List.of(
            "b.yaml: more than 1 spec files, the most one command reads;"
                + " apply a part at a time (e.g. one directory per --scope)"),
        e.problems());
    SpecLimits fewBytes = new SpecLimits(1 << 20, WEB.length() + 10, 10, 64);
    e =
        assertThrows(
            SpecError.class,
            () ->
                SpecLoader.read(
                    List.of("a.yaml", "b.yaml"),
                    dir,
                    InputStream.nullInputStream(),
                    true,
                    fewBytes));
    assertTrue(
        e.problems().get(0).startsWith("b.yaml: the spec files come to "), e.problems().toString());
  }

  @Test
  void text_that_is_not_utf8_names_the_byte_and_where_it_is() throws IOException {
    byte[] text = (WEB + "  # caf\u00e9 \n").getBytes(StandardCharsets.ISO_8859_1);
    Files.write(dir.resolve("web.yaml"), text);
    SpecError e = refused("web.yaml");
    int offset = WEB.length() + "  # caf".length();
    assertEquals(
        List.of(
            "web.yaml:5:8: not UTF-8 (byte 0xe9 at offset "
                + offset
                + "); save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)"),
        e.problems());
  }

  @Test
  void utf16_is_named_as_such() throws IOException {
    Files.write(dir.resolve("web.yaml"), ("\ufeff" + WEB).getBytes(StandardCharsets.UTF_16LE));
    assertEquals(
        List.of(
            "web.yaml:1:1: not UTF-8 (byte 0xff at offset 0); it looks like UTF-16; save the file as UTF-8 (e.g. iconv -f utf-16 -t utf-8)"),
        refused("web.yaml").problems());
  }

  @Test
  void a_utf8_byte_order_mark_is_fine() throws IOException {
    Files.writeString(dir.resolve("web.yaml"), "\ufeff" + WEB);
    assertEquals(
        "web1",
        SpecLoader.load(List.of("web.yaml"), dir, InputStream.nullInputStream())
            .domains()
            .get(0)
            .name());
  }

  @Test
  void a_path_through_a_file_says_why_it_cannot_be_read() throws IOException {
    // Meaningful as root too (CI runs as root, where permissions do not stop reading).
    Files.writeString(dir.resolve("web.yaml"), WEB);
    assertEquals(
        List.of("cannot read web.yaml/more.yaml: not a directory"),
        refused("web.yaml/more.yaml").problems());
  }

  @Test
  void an_unreadable_file_says_permission_denied() throws IOException {
    // root reads files whatever their mode, so there the reason text is covered by the test of
    // reason() below.
    assumeFalse("root".equals(System.getProperty("user.name")), "root ignores file permissions");
    Path p = dir.resolve("web.yaml");
    Files.writeString(p, WEB);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
    assertEquals(
        List.of("cannot read web.yaml: permission denied"), refused("web.yaml").problems());
    Files.createDirectories(dir.resolve("specs/locked"));
    Files.writeString(dir.resolve("specs/a.yaml"), WEB);
    Files.setPosixFilePermissions(
        dir.resolve("specs/locked"), PosixFilePermissions.fromString("---------"));
    try {
      assertEquals(
          List.of("cannot read specs/locked: permission denied"), refused("specs").problems());
    } finally {
      Files.setPosixFilePermissions(
          dir.resolve("specs/locked"), PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void io_errors_are_told_by_their_reason() {
    assertEquals("permission denied", SpecFiles.reason(new AccessDeniedException("/x/web.yaml")));
    assertEquals(
        "no such file or directory", SpecFiles.reason(new NoSuchFileException("/x/web.yaml")));
    assertEquals(
        "input/output error",
        SpecFiles.reason(new FileSystemException("/x/web.yaml", null, "Input/output error")));
    assertEquals("disk on fire", SpecFiles.reason(new IOException("disk on fire")));
    assertEquals("IOException", SpecFiles.reason(new IOException()));
  }

  @Test
  void a_missing_source_keeps_its_message_and_other_sources_are_still_checked() throws IOException {
    Files.writeString(
        dir.resolve("bad.yaml"), WEB.replace("{kernel: /boot/k}", "{kernel: /boot/k, memroy: 1}"));
    assertEquals(
        List.of(
            "nosuch.yaml: no such file or directory",
            "bad.yaml:4:25: unknown field 'memroy' in spec (did you mean 'memory'?)"),
        refused("nosuch.yaml", "bad.yaml").problems());
  }

  @Test
  void a_pipe_or_device_is_read_with_the_same_cap() {
    Path zero = Path.of("/dev/zero");
    assumeFalse(!Files.exists(zero));
    SpecError e = Bounded.run("/dev/zero", () -> refused("/dev/zero"));
    assertEquals(
        List.of(
            "/dev/zero: more than the 16 MiB a spec file may hold; split it into several files"),
        e.problems());
  }

  @Test
  void a_file_with_very_many_problems_reports_the_first_hundred() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      b.append(
              WEB.replace("web1", "w" + i)
                  .replace("{kernel: /boot/k}", "{kernel: /boot/k, memroy: 1}"))
          .append("---\n");
    }
    SpecError e = assertThrows(SpecError.class, () -> SpecLoader.parse("many.yaml", b.toString()));
    assertEquals(101, e.problems().size());
    assertEquals("... and 900 more problems; fix these first", e.problems().get(100));
  }
}
