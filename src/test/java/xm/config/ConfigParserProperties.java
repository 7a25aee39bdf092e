package xm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xm.diag.XmException;

/**
 * Whatever text a user feeds xm create, the answer is a config or one located error; never a crash.
 */
class ConfigParserProperties {

  @Property(tries = 1000)
  void arbitrary_text_never_escapes_as_an_uncaught_exception(@ForAll String text) {
    check(text);
  }

  @Property(tries = 1000)
  void config_like_token_soup_never_escapes_as_an_uncaught_exception(@ForAll("soup") String text) {
    check(text);
  }

  @Property(tries = 300)
  void command_line_overrides_never_crash(@ForAll("overrides") List<String> overrides) {
    try {
      XmConfigFile.build("p.cfg", "kernel = '/k'\n", overrides, Path.of("/"), "p");
    } catch (XmException e) {
      assertEquals(XmException.Kind.BAD_INPUT, e.kind());
    }
  }

  private static void check(String text) {
    xm.testing.Bounded.run(
        text,
        () -> {
          try {
            XmConfigFile.build("p.cfg", text, List.of(), Path.of("/"), "p");
          } catch (XmException e) {
            assertEquals(XmException.Kind.BAD_INPUT, e.kind(), e.getMessage());
            assertTrue(!e.getMessage().isBlank());
          }
          return null;
        });
  }

  @Provide
  Arbitrary<String> soup() {
    Arbitrary<String> token =
        Arbitraries.of(
            "kernel",
            "memory",
            "name",
            "vif",
            "disk",
            "vcpus",
            "maxmem",
            "=",
            " = ",
            "'",
            "\"",
            "[",
            "]",
            "(",
            ")",
            ",",
            "%",
            "%d",
            "%s",
            "+",
            "-",
            "*",
            "/",
            "1",
            "0",
            "256",
            "-5",
            "0x10",
            "1.5",
            "'/boot/k'",
            "'phy:hda1,xvda1,w'",
            "''",
            "\n",
            "\n    ",
            "    ",
            ":",
            "if",
            "else",
            "elif",
            "def",
            "return",
            "import",
            "os",
            "re",
            "True",
            "None",
            "#",
            "\\\n",
            "'''",
            "xm_vars",
            ".",
            "var",
            "check",
            "(",
            "len",
            "int",
            "str",
            "not",
            "and",
            "or",
            "in",
            "for");
    return token.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<List<String>> overrides() {
    Arbitrary<String> key =
        Arbitraries.of(
            "memory",
            "maxmem",
            "vcpus",
            "name",
            "disk",
            "vif",
            "vtpm",
            "cpus",
            "on_crash",
            "access_control",
            "vcpu_avail",
            "builder",
            "uuid",
            "x");
    Arbitrary<String> value = Arbitraries.strings().ofMaxLength(20);
    return net.jqwik.api.Combinators.combine(key, value)
        .as((k, v) -> k + "=" + v)
        .list()
        .ofMaxSize(6);
  }
}
