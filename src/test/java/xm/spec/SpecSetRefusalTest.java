package xm.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Xm;

/** A spec set that breaks a rule of the set is refused by apply before anything changes. */
class SpecSetRefusalTest {
  @TempDir Path dir;

  @Test
  void apply_refuses_the_whole_set_before_changing_anything() {
    Xm xm = new Xm(dir);
    String web = SpecSetValidationProperties.WEB;
    xm.file("specs/a.yaml", web + "---\n" + web.replace("web1", "Domain-0"));
    xm.file(
        "specs/hosts.yaml",
        SpecSetValidationProperties.host("\"bad/host\"", "memory: 4096")
            + "---\n"
            + SpecSetValidationProperties.host("small", "memory: 512, dom0Memory: 1024"));
    Xm.Run run = xm.run("apply", "-f", "specs");
    assertEquals(1, run.code(), run.toString());
    assertEquals(
        "Error: specs/a.yaml:8:18: Domain-0 belongs to the host and is never declared in a spec; remove this"
            + " document",
        run.error());
    assertTrue(run.err().contains("specs/hosts.yaml:4:9: Invalid host name 'bad/host'"), run.err());
    assertTrue(
        run.err().contains("specs/hosts.yaml:11:33: Domain-0's share (dom0Memory 1024 MiB)"),
        run.err());
    Xm.Run list = xm.run("list");
    assertEquals(
        List.of("Domain-0"),
        list.out().lines().skip(1).map(l -> l.split(" +")[0]).toList(),
        list.out());
    assertEquals(
        List.of("localhost"),
        xm.run("host", "list").out().lines().skip(1).map(l -> l.split(" +")[0]).toList());
  }
}
