package xm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xm.hypervisor.DomainConfig;
import xm.spec.SpecLoader;
import xm.spec.SpecWriter;

/**
 * cfg -> spec -> cfg keeps the domain: every field of the config survives both conversions. Runs
 * over this project's fixtures (every one but the refused nbd: guest); ConvertRoundTripConformance
 * runs Xen's own examples.
 */
public class ConvertRoundTripTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "pv-guest",
        "pv-numbered",
        "pv-static-ip",
        "hvm-desktop",
        "pv-grub",
        "hvm-firmware",
        "hvm-stubdom",
        "stubdom-dm"
      })
  void fixtures_survive_conversion_both_ways(String config) {
    DomainConfig original =
        XmConfigFile.load(
                XmConfigFileTest.CONFIGS.resolve(config), List.of("vmid=2", "num=2"), Path.of("/"))
            .config();
    assertRoundTrip(original);
  }

  /**
   * Converts {@code original} to a spec and back to a cfg file, and checks both give the same
   * domain.
   */
  public static void assertRoundTrip(DomainConfig original) {
    String yaml = SpecWriter.yaml(original, null, null);
    DomainConfig fromSpec = SpecLoader.parse("converted.yaml", yaml).domains().get(0).config();
    assertEquals(original, fromSpec, yaml);
    String cfg = CfgWriter.cfg(fromSpec, null);
    DomainConfig back = XmConfigFile.build("converted.cfg", cfg, List.of(), Path.of("/"), "x");
    assertEquals(original, back, cfg);
  }
}
