package xm.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where xm keeps its files: XM_HOME, else the shell's HOME (a hostile review found user.home used).
 */
class XmHomeTest {
  @Test
  void xmHomeThenTheShellsHomeThenThePasswordFiles() {
    assertEquals(Path.of("/srv/xm"), XmHome.of(Map.of("XM_HOME", "/srv/xm", "HOME", "/home/a")));
    assertEquals(Path.of("/home/a/.xm"), XmHome.of(Map.of("HOME", "/home/a")));
    assertEquals(Path.of("/home/a/.xm"), XmHome.of(Map.of("XM_HOME", " ", "HOME", "/home/a")));
    assertEquals(Path.of(System.getProperty("user.home"), ".xm"), XmHome.of(Map.of()));
  }
}
