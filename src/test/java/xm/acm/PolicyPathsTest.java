package xm.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xm.diag.XmException;

class PolicyPathsTest {

  @Test
  void should_put_a_dotted_policy_in_nested_directories_under_xm_home() {
    PolicyPaths paths = PolicyPaths.from(Map.of("XM_HOME", "/tmp/xm-acm-home"));
    assertEquals(
        Path.of("/tmp/xm-acm-home/policies/a/b/c-security_policy.xml"), paths.xml("a.b.c"));
    assertEquals(Path.of("/tmp/xm-acm-home/policies/a/b/c.map"), paths.map("a.b.c"));
    assertEquals(Path.of("/tmp/xm-acm-home/policies/xm-test.bin"), paths.bin("xm-test"));
  }

  @Test
  void should_prefer_xm_policy_root() {
    PolicyPaths paths =
        PolicyPaths.from(Map.of("XM_HOME", "/tmp/h", "XM_POLICY_ROOT", "/srv/policies"));
    assertEquals(
        Path.of("/srv/policies/example/web-security_policy.xml"), paths.xml("example.web"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", ".", "a..b", "..", "a/b", "../etc", "a.", ".a", "a b", "a.b/../c", "/abs"})
  void should_refuse_names_that_could_leave_the_root(String name) {
    XmException e =
        assertThrows(
            XmException.class, () -> PolicyPaths.from(Map.of("XM_HOME", "/tmp/h")).xml(name));
    assertEquals(true, e.getMessage().contains("policy name"), e.getMessage());
  }
}
