package xm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xm.Reference;
import xm.hypervisor.DomainConfig;
import xm.spec.SpecLoader;
import xm.spec.SpecWriter;

/** cfg -> spec -> cfg keeps the domain: every field of the config survives both conversions. */
class ConvertRoundTripTest {
  @ParameterizedTest
  @ValueSource(strings = {"xmexample1", "xmexample2", "xmexample3", "xmexample.hvm", "xmexample.pv-grub",
      "xmexample.vti", "xmexample.hvm-stubdom", "xmexample.hvm-dm"})
  void xen_examples_survive_conversion_both_ways(String example) {
    DomainConfig original = XmConfigFile.load(Reference.examples().resolve(example), List.of("vmid=2"), Path.of("/"))
        .config();
    String yaml = SpecWriter.yaml(original, null, null);
    DomainConfig fromSpec = SpecLoader.parse("converted.yaml", yaml).domains().get(0).config();
    assertEquals(original, fromSpec, yaml);
    String cfg = CfgWriter.cfg(fromSpec, null);
    DomainConfig back = XmConfigFile.build("converted.cfg", cfg, List.of(), Path.of("/"), "x");
    assertEquals(original, back, cfg);
  }
}
