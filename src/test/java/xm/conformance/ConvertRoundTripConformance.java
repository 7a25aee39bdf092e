package xm.conformance;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xm.config.ConvertRoundTripTest;
import xm.config.XmConfigFile;

/**
 * Xen's example configs survive cfg -> spec -> cfg (every one but xmexample.nbd, which xm refuses).
 */
@XenConformance
class ConvertRoundTripConformance {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "xmexample1",
        "xmexample2",
        "xmexample3",
        "xmexample.hvm",
        "xmexample.pv-grub",
        "xmexample.vti",
        "xmexample.hvm-stubdom",
        "xmexample.hvm-dm"
      })
  void xen_examples_survive_conversion_both_ways(String example) {
    ConvertRoundTripTest.assertRoundTrip(
        XmConfigFile.load(XenReference.examples().resolve(example), List.of("vmid=2"), Path.of("/"))
            .config());
  }
}
