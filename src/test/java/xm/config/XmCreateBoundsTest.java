package xm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import xm.testing.Bounded;
import xm.testing.Xm;

/**
 * The reported config files, through {@code xm create}: one located {@code Error:} line, exit 1,
 * nothing created.
 */
class XmCreateBoundsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "extra = '%999999999d' % 1              | | web1.cfg:3:23: format width 999999999 is too large",
        "extra = 'a' * 1000000000               | | web1.cfg:3:13: string too long (more than 1048576 characters)",
        "disk = ['phy:sda1,xvda,w'] * 1000000000 | | web1.cfg:3:28: list too long (more than 100000 items)",
        "memory = 9223372036854775807 + 1       | | web1.cfg:3:30: OverflowError: 9223372036854775807 + 1 is outside",
        "vcpus = 4294967298                     | | web1.cfg:3:1: vcpus must be between 1 and 4096, not 4294967298",
        "vcpus = 2                              | vcpus=4294967298 | command line vcpus=...: vcpus must be between 1 and 4096",
        "memory = PARENS                        | | web1.cfg:3:110: nested too deeply (more than 100 levels"
      })
  void a_config_that_asks_too_much_is_one_error_line(
      String line, String arg, String error, @TempDir Path dir) throws java.io.IOException {
    Xm xm = new Xm(dir);
    String parens = "(".repeat(3000) + "1" + ")".repeat(3000);
    xm.file(
        "web1.cfg",
        "name = 'web1'\nkernel = '/boot/vmlinuz'\n"
            + line.strip().replace("PARENS", parens)
            + "\n");
    Xm.Run r =
        Bounded.run(
            line,
            () -> arg == null ? xm.run("create", "web1.cfg") : xm.run("create", "web1.cfg", arg));
    assertEquals(1, r.code(), r.toString());
    String where =
        error.startsWith("web1.cfg") ? dir.resolve("web1.cfg").toRealPath().getParent() + "/" : "";
    assertTrue(r.error().startsWith("Error: " + where + error), r.toString());
    assertEquals(1, r.err().lines().count(), r.toString());
    assertEquals(
        1,
        xm.run("list").out().lines().count() - 1,
        "only Domain-0 is listed: nothing was created");
  }
}
