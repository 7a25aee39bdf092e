package xm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xm.acm.PolicyMap;
import xm.acm.PolicyXml;
import xm.acm.SecurityPolicy;
import xm.acm.Ssids;
import xm.diag.XmException;

/**
 * xm's policy reader accepts every Xen reference policy of the current format, its {@code .map}
 * equals Xen's ({@code generated/*.map}) and its ssidrefs equal {@code generated/ssidrefs.txt}.
 */
@XenConformance
class AcmPolicyConformance {

  /**
   * Every current-format Xen policy: the shipped ones, xm-test's, and the DEFAULT policy xend
   * generated.
   */
  static List<Path> policies() throws IOException {
    Path ref = XenReference.root();
    List<Path> out = new ArrayList<>();
    for (Path dir :
        List.of(
            ref.resolve("policies/example"),
            ref.resolve("policies/legacy-2008-04"),
            ref.resolve("xm-test/security-acm"),
            ref.resolve("generated"))) {
      try (Stream<Path> files = Files.list(dir)) {
        files
            .filter(f -> f.getFileName().toString().endsWith("-security_policy.xml"))
            .sorted()
            .forEach(out::add);
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("policies")
  void should_accept_every_xen_reference_policy(Path file) {
    SecurityPolicy p = PolicyXml.read(file);
    assertEquals(
        p,
        PolicyXml.read(
            "written", PolicyXml.write(p).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void should_write_the_map_xen_wrote_for_every_policy_that_has_one() throws IOException {
    int compared = 0;
    for (Path file : policies()) {
      SecurityPolicy p = PolicyXml.read(file);
      Path golden = XenReference.root().resolve("generated/" + p.name() + ".map");
      String[] parts = p.name().split("\\.");
      boolean own =
          file.getFileName().toString().equals(parts[parts.length - 1] + "-security_policy.xml");
      if (own && Files.exists(golden)) {
        assertEquals(
            Files.readString(golden),
            PolicyMap.render(p, PolicyMap.XEN_POLICY_DIR),
            golden.toString());
        compared++;
      }
    }
    assertEquals(4, compared, "one .map per golden file in generated/");
  }

  @Test
  void should_number_labels_as_xen_did() throws IOException {
    Map<String, SecurityPolicy> byName = new LinkedHashMap<>();
    for (Path file : policies()) {
      SecurityPolicy p = PolicyXml.read(file);
      String[] parts = p.name().split("\\.");
      if (file.getFileName().toString().equals(parts[parts.length - 1] + "-security_policy.xml")) {
        byName.putIfAbsent(p.name(), p);
      }
    }
    String current = null;
    int checked = 0;
    for (String line : Files.readAllLines(XenReference.root().resolve("generated/ssidrefs.txt"))) {
      if (line.startsWith("policy ")) {
        current = line.substring(7).strip();
      } else if (!line.isBlank()) {
        String[] f = line.strip().split("\\s+");
        Ssids ssids = new Ssids(byName.get(current));
        assertEquals(Integer.decode(f[1]), ssids.ssidref(f[0]).orElseThrow(), current + " " + f[0]);
        checked++;
      }
    }
    assertTrue(checked >= 15, "checked " + checked);
  }

  @Test
  void should_refuse_the_2007_policies_that_predate_the_version_header() throws IOException {
    try (Stream<Path> files = Files.walk(XenReference.root().resolve("policies/legacy-2007-04"))) {
      for (Path f : files.filter(x -> x.toString().endsWith("-security_policy.xml")).toList()) {
        XmException e = assertThrows(XmException.class, () -> PolicyXml.read(f));
        assertTrue(e.getMessage().contains("Version"), e.getMessage());
      }
    }
  }
}
