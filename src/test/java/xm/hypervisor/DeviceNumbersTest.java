package xm.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceNumbersTest {
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "xvda1, 51713",
    "xvda, 51712",
    "xvdb, 51728",
    "xvdp15, 51967",
    "/dev/xvda1, 51713",
    "hda, 768",
    "hda1, 769",
    "hdb, 832",
    "hdc, 5632",
    "hdc:cdrom, 5632",
    "hdd1, 5697",
    "hda63, 831",
    "sda, 2048",
    "sda2, 2050",
    "sdb, 2064",
    "sdq, 16640",
    "sdaa, 16800",
    "0x1400, 5120",
    "768, 768",
    "ioemu:hda, 768",
    "xvdq, 268439552",
    "xvdaa, 268442112"
  })
  void maps_frontend_names_like_xen(String name, int number) {
    assertEquals(number, DeviceNumbers.of(name));
  }

  @ParameterizedTest
  @CsvSource({"vda1", "xvda0", "xvda16", "hdu", "sd", "'' ", "xvd", "0xzz", "hda64"})
  void rejects_names_xen_did_not_know(String name) {
    assertEquals(-1, DeviceNumbers.of(name == null ? "" : name));
  }

  @Test
  void knows_cdroms_and_base_names() {
    assertTrue(DeviceNumbers.isCdrom("hdc:cdrom"));
    assertFalse(DeviceNumbers.isCdrom("hdc"));
    assertEquals("hdc", DeviceNumbers.baseName("/dev/hdc:cdrom"));
  }

  @Test
  void vif_rules_accept_what_xen_accepted_and_explain_the_rest() {
    assertNull(
        VifRules.problem(
            new VifSpec(
                Map.of(
                    "mac",
                    "00:16:3e:7f:00:01",
                    "ip",
                    "10.0.0.1 10.0.0.2/24",
                    "rate",
                    "100KB/s@20ms",
                    "backend",
                    "0"))));
    assertNull(VifRules.problem(new VifSpec(Map.of("rate", "1Gb/s"))));
    assertTrue(
        VifRules.problem(new VifSpec(Map.of("mac", "00:16:3e:00:00")))
            .startsWith("Invalid mac address"));
    assertTrue(
        VifRules.problem(new VifSpec(Map.of("mac", "03:16:3e:00:00:00"))).contains("multicast"));
    assertTrue(
        VifRules.problem(new VifSpec(Map.of("ip", "1.2.3"))).startsWith("Invalid ip address"));
    assertTrue(
        VifRules.problem(new VifSpec(Map.of("ip", "1.2.3.4/33"))).startsWith("Invalid ip address"));
    assertTrue(VifRules.problem(new VifSpec(Map.of("rate", "10Mb"))).startsWith("Invalid rate"));
    assertTrue(
        VifRules.problem(new VifSpec(Map.of("backend", "dom0"))).startsWith("Invalid backend"));
  }
}
