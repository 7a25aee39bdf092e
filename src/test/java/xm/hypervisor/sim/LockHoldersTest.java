package xm.hypervisor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the holder of a lock from the kernel's own table, and showing its command briefly. */
class LockHoldersTest {
  @Test
  void a_granted_posix_lock_on_the_file_names_its_pid() {
    assertEquals(
        4242,
        LockHolders.holderPid("1: POSIX  ADVISORY  WRITE 4242 08:01:123456 0 EOF", "8:1:123456"));
    assertEquals(
        77, LockHolders.holderPid("12: POSIX  ADVISORY  WRITE 77 fd:00:99 0 EOF", "fd:0:99"));
  }

  @Test
  void waiters_other_files_and_other_kinds_of_lock_are_not_holders() {
    assertEquals(
        -1,
        LockHolders.holderPid(
            "1: -> POSIX  ADVISORY  WRITE 4242 08:01:123456 0 EOF", "8:1:123456"));
    assertEquals(
        -1,
        LockHolders.holderPid("1: POSIX  ADVISORY  WRITE 4242 08:01:123457 0 EOF", "8:1:123456"));
    assertEquals(
        -1,
        LockHolders.holderPid("1: POSIX  ADVISORY  WRITE 4242 08:02:123456 0 EOF", "8:1:123456"));
    assertEquals(
        -1,
        LockHolders.holderPid("2: FLOCK  ADVISORY  WRITE 4242 08:01:123456 0 EOF", "8:1:123456"));
    assertEquals(-1, LockHolders.holderPid("garbage", "8:1:123456"));
  }

  @Test
  void commands_are_shown_as_typed() {
    assertEquals(
        List.of("xm", "apply", "-f", "specs/"),
        LockHolders.shortened(
            List.of(
                "/usr/bin/java",
                "-Xmn16m",
                "-cp",
                "/opt/xm/target/xm.jar",
                "xm.cli.Main",
                "apply",
                "-f",
                "specs/")));
    assertEquals(
        List.of("java", "my.Main", "x"),
        LockHolders.shortened(List.of("java", "-cp", "a:b", "-Dx=y", "my.Main", "x")));
    assertEquals(
        List.of("java", "app.jar", "run"),
        LockHolders.shortened(List.of("java", "-jar", "app.jar", "run")));
    assertEquals(List.of("vim", "lock"), LockHolders.shortened(List.of("vim", "lock")));
  }
}
