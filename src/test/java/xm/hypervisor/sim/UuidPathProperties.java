package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.testing.Bounded;
import xm.testing.TempTrees;
import xm.testing.Xm;

/**
 * Nothing xm does with a hostile uuid or name creates or reads a file outside {@code XM_HOME}:
 * console logs were named by an unchecked uuid, so {@code uuid=../../some/dir/pwned} wrote {@code
 * /some/dir/pwned.log}. Each try runs in a fresh directory holding {@code XM_HOME} and the working
 * directory, and compares everything outside {@code XM_HOME} before and after.
 */
class UuidPathProperties {

  @Property(tries = 120)
  void no_uuid_or_name_reaches_outside_xm_home(
      @ForAll("uuids") String uuid, @ForAll("names") String name, @ForAll("entries") int entry)
      throws IOException {
    Path root = Files.createTempDirectory("xm-uuid");
    try {
      Xm xm = new Xm(root.resolve("xm"), root.resolve("cwd"));
      Files.createDirectories(root.resolve("cwd"));
      assertEquals(0, xm.run("create", "/dev/null", "name=a", "kernel=/k", "memory=64").code());
      Set<String> before = TempTrees.snapshot(root, xm.home());
      String input = entry + " uuid=" + uuid + " name=" + name;
      Bounded.run(
          input,
          () -> {
            for (Xm.Run r : runEntry(xm, root, entry, uuid, name)) {
              assertFalse(r.err().contains("internal error"), input + " -> " + r);
            }
            return null;
          });
      Set<String> after = TempTrees.snapshot(root, xm.home());
      after.removeIf(p -> p.startsWith("cwd/in."));
      assertEquals(before, after, "files appeared outside XM_HOME for " + input);
      assertEquals(0, xm.run("list", "-l").code(), "the host still reads its state after " + input);
    } finally {
      TempTrees.delete(root);
    }
  }

  @Example
  void the_reported_uuid_is_refused_and_writes_nothing() throws IOException {
    Path root = Files.createTempDirectory("xm-uuid");
    try {
      Xm xm = new Xm(root.resolve("xm"), root);
      Xm.Run r =
          xm.run(
              "create",
              "/dev/null",
              "name=u1",
              "kernel=/boot/k",
              "memory=64",
              "uuid=../../../../../../" + root.getFileName() + "/pwned");
      assertEquals(1, r.code());
      assertTrue(
          r.error().startsWith("Error: command line uuid=...: invalid uuid '../../"), r.error());
      assertFalse(Files.exists(root.resolve("pwned.log")));
    } finally {
      TempTrees.delete(root);
    }
  }

  /** One way a uuid or name enters: command line, config file, save file, spec. */
  private static List<Xm.Run> runEntry(Xm xm, Path root, int entry, String uuid, String name) {
    Path cwd = root.resolve("cwd");
    switch (entry) {
      case 0 -> {
        return List.of(
            xm.run("create", "/dev/null", "name=" + name, "kernel=/k", "memory=64", "uuid=" + uuid),
            xm.run("console", name),
            xm.run("console", uuid));
      }
      case 1 -> {
        xm.file(
            "in.cfg",
            "name = "
                + pyString(name)
                + "\nuuid = "
                + pyString(uuid)
                + "\nkernel = '/k'\nmemory = 64\n");
        return List.of(
            xm.run("create", "in.cfg"), xm.run("console", name), xm.run("sysrq", name, "s"));
      }
      case 2 -> {
        Path save = cwd.resolve("in.save");
        Xm.Run s = xm.run("save", "a", save.toString());
        if (s.code() != 0) {
          return List.of(s);
        }
        String text = readString(save);
        String good = text.substring(text.indexOf("(uuid ") + 6, text.indexOf("(uuid ") + 42);
        writeString(
            save,
            text.replace(good, sxpAtom(uuid)).replace("(name a)", "(name " + sxpAtom(name) + ")"));
        return List.of(
            xm.run("restore", save.toString()),
            xm.run("console", name),
            xm.run("sysrq", name, "s"));
      }
      default -> {
        xm.file(
            "in.yaml",
            "apiVersion: xm/v1\nkind: Domain\nmetadata:\n  name: "
                + yamlString(name)
                + "\nspec:\n  kernel: /k\n  memory: 64\n  extras:\n    uuid: "
                + yamlString(uuid)
                + "\n");
        return List.of(xm.run("apply", "-f", "in.yaml"), xm.run("console", name));
      }
    }
  }

  @Provide
  Arbitrary<Integer> entries() {
    return Arbitraries.integers().between(0, 3);
  }

  @Provide
  Arbitrary<String> uuids() {
    return Arbitraries.oneOf(
        hostile(),
        Arbitraries.of(
            "6f1b3c0e-2a4d-4c8e-9b1f-0d2e3f4a5b6c",
            "6F1B3C0E-2A4D-4C8E-9B1F-0D2E3F4A5B6C",
            "00000000-0000-0000-0000-000000000000"));
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.oneOf(
        hostile(), Arbitraries.of("b", "web1", "a/b", "..", "../..", "Domain-0"));
  }

  /** Paths up and out, separators, NUL, control characters, very long text, non-ASCII. */
  static Arbitrary<String> hostile() {
    Arbitrary<String> up =
        Combinators.combine(
                Arbitraries.integers().between(0, 8),
                Arbitraries.of(
                    "pwned", "x/y", "", ".", "..", "consoles/z", "hosts/localhost/state.sxp"))
            .as((n, tail) -> "../".repeat(n) + tail);
    return Arbitraries.oneOf(
        up,
        Arbitraries.of(
            "/",
            "/tmp/pwned",
            "a\0b",
            "\0",
            "a\nb",
            "a\tb",
            " ",
            "",
            "\u00e9\u20ac",
            "\ud83d\ude00",
            "x".repeat(300),
            "x".repeat(5000),
            "6f1b3c0e-2a4d-4c8e-9b1f-0d2e3f4a5b6c/../../x",
            "6f1b3c0e-2a4d-4c8e-9b1f-0d2e3f4a5b6",
            "6f1b3c0e-2a4d-4c8e-9b1f-0d2e3f4a5b6cc",
            "'",
            "\"",
            "\\"),
        Arbitraries.strings().ofMaxLength(40));
  }

  private static String pyString(String s) {
    StringBuilder out = new StringBuilder("'");
    for (char c : s.toCharArray()) {
      if (c == '\'' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  private static String yamlString(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static String sxpAtom(String s) {
    return xm.sxp.SxpPrinter.show(s.isEmpty() ? "''" : s);
  }

  private static String readString(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void writeString(Path p, String text) {
    try {
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
