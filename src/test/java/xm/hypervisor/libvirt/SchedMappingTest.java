package xm.hypervisor.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import xm.diag.XmException;
import xm.hypervisor.Sched;

/** Xen's credit weight and cap on libvirt's schedulers, both ways. */
class SchedMappingTest {
  static final String URI = "qemu:///system";

  @Test
  void libxlHasXensOwnWeightAndCap() {
    Sched s = SchedMapping.read("credit", Map.of("weight", "512", "cap", "150"));
    assertEquals(512, s.weight());
    assertEquals(150, s.cap());
    Map<String, SchedMapping.Typed> w = SchedMapping.write("credit", URI, 512, 150, Map.of());
    assertEquals(new SchedMapping.Typed(SchedMapping.Kind.UINT, 512), w.get("weight"));
    assertEquals(new SchedMapping.Typed(SchedMapping.Kind.UINT, 150), w.get("cap"));
  }

  @Test
  void cgroupsSharesAreTheWeightAndTheGlobalQuotaIsTheCap() {
    Map<String, String> defaults =
        Map.of("cpu_shares", "1024", "global_period", "100000", "global_quota", "-1");
    Sched s = SchedMapping.read("posix", defaults);
    assertEquals(256, s.weight(), "the cgroup default is Xen's default");
    assertEquals(0, s.cap(), "no quota: no cap");
    Map<String, SchedMapping.Typed> w = SchedMapping.write("posix", URI, 512, 150, defaults);
    assertEquals(new SchedMapping.Typed(SchedMapping.Kind.ULLONG, 2048), w.get("cpu_shares"));
    assertEquals(new SchedMapping.Typed(SchedMapping.Kind.ULLONG, 100000), w.get("global_period"));
    assertEquals(new SchedMapping.Typed(SchedMapping.Kind.LLONG, 150000), w.get("global_quota"));
    Map<String, String> after =
        Map.of("cpu_shares", "2048", "global_period", "100000", "global_quota", "150000");
    assertEquals(
        SchedMapping.read("posix", after),
        Sched.defaults(false).withCredit(512, 150),
        "round trip");
    assertEquals(
        new SchedMapping.Typed(SchedMapping.Kind.LLONG, -1),
        SchedMapping.write("posix", URI, 256, 0, after).get("global_quota"),
        "cap 0 lifts the quota");
  }

  @Test
  void aCapWhereLibvirtHasNoQuotaIsRefusedNamingTheWayOut() {
    XmException e =
        assertThrows(
            XmException.class,
            () -> SchedMapping.write("posix", URI, 256, 50, Map.of("cpu_shares", "1024")));
    assertTrue(e.getMessage().contains("set the weight alone (-w)"), e.getMessage());
    assertEquals(1, SchedMapping.write("posix", URI, 300, 0, Map.of("cpu_shares", "1024")).size());
  }

  @Test
  void weightsStayWithinXensLimitsWhateverLibvirtSays() {
    assertEquals(
        Sched.MAX_WEIGHT, SchedMapping.read("posix", Map.of("cpu_shares", "262144")).weight());
    assertEquals(Sched.MIN_WEIGHT, SchedMapping.read("posix", Map.of("cpu_shares", "2")).weight());
    assertEquals(256, SchedMapping.read("posix", Map.of("cpu_shares", "not a number")).weight());
    assertThrows(XmException.class, () -> SchedMapping.write("rt", URI, 256, 0, Map.of()));
    assertThrows(XmException.class, () -> SchedMapping.write("fair", URI, 256, 10, Map.of()));
  }
}
