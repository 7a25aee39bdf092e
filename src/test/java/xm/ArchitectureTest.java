package xm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the dependency directions of DESIGN.md true: the CLI sits on top; the hypervisor port knows
 * no backend; parsers (sxp, config) know no backend and no CLI; only the CLI's {@code Backends}
 * (and host tooling) names the simulated host.
 */
class ArchitectureTest {
  /** package prefix -> packages its sources must not import. */
  static final Map<String, List<String>> FORBIDDEN =
      Map.ofEntries(
          Map.entry(
              "xm.plan",
              List.of("xm.cli", "xm.hypervisor.sim", "xm.apply", "xm.config", "xm.reconcile")),
          Map.entry("xm.reconcile", List.of("xm.cli", "xm.hypervisor.sim", "xm.config")),
          Map.entry(
              "xm.spec",
              List.of("xm.cli", "xm.hypervisor.sim", "xm.plan", "xm.apply", "xm.reconcile")),
          Map.entry("xm.apply", List.of("xm.cli", "xm.hypervisor.sim", "xm.reconcile")),
          Map.entry("xm.cli.declare", List.of("xm.hypervisor.sim")),
          Map.entry(
              "xm.acm",
              List.of(
                  "xm.cli",
                  "xm.hypervisor",
                  "xm.config",
                  "xm.spec",
                  "xm.plan",
                  "xm.apply",
                  "xm.reconcile")),
          Map.entry("xm.diag", List.of("xm.cli", "xm.hypervisor", "xm.config", "xm.sxp")),
          Map.entry("xm.sxp", List.of("xm.cli", "xm.hypervisor", "xm.config")),
          Map.entry("xm.config", List.of("xm.cli", "xm.hypervisor.sim")),
          Map.entry("xm.hypervisor.", List.of("xm.cli", "xm.config")),
          Map.entry("xm.hypervisor;", List.of("xm.cli", "xm.config", "xm.hypervisor.sim")),
          Map.entry("xm.cli.domain", List.of("xm.hypervisor.sim")),
          Map.entry("xm.cli.host", List.of("xm.hypervisor.sim")),
          Map.entry("xm.cli.device", List.of("xm.hypervisor.sim")));

  @Test
  void dependencies_point_one_way() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/xm"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        String pkg =
            text.substring(
                text.indexOf("package ") + 8, text.indexOf(';', text.indexOf("package ")) + 1);
        for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
          boolean applies =
              rule.getKey().endsWith(";")
                  ? pkg.equals(rule.getKey())
                  : (pkg.startsWith(rule.getKey()) || pkg.equals(rule.getKey() + ";"));
          if (!applies) {
            continue;
          }
          for (String bad : rule.getValue()) {
            if (text.contains("import " + bad + ".")
                || text.contains("import " + bad + ";")
                || text.contains(" " + bad + ".")
                    && text.matches("(?s).*\\b" + bad.replace(".", "\\.") + "\\.[A-Z].*")) {
              violations.add(f + " (package " + pkg + ") uses " + bad);
            }
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }
}
