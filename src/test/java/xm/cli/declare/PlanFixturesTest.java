package xm.cli.declare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.sim.SimHosts;
import xm.plan.Observed;
import xm.plan.Plan;
import xm.plan.PlanOptions;
import xm.plan.Planner;
import xm.reconcile.Causes;
import xm.spec.SpecLoader;
import xm.spec.SpecSet;

/**
 * Planner golden fixtures, one folder each under src/test/resources/plan-fixtures: spec.yaml
 * (desired), host.sxp + observed.sxp (a simulated host's description and state), expected.txt (the
 * plan as diff shows it, then its problems). -Dgolden.update=true rewrites expected.txt.
 */
class PlanFixturesTest {
  static final Path DIR = Path.of("src/test/resources/plan-fixtures");

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> fixtures() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      List<Path> cases = s.filter(Files::isDirectory).sorted().toList();
      return cases.stream()
          .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }
  }

  private void check(Path fixture) throws IOException {
    Path host =
        Files.createDirectories(
            tmp.resolve(fixture.getFileName().toString()).resolve("hosts/localhost"));
    Files.copy(fixture.resolve("host.sxp"), host.resolve("host.sxp"));
    Files.copy(fixture.resolve("observed.sxp"), host.resolve("state.sxp"));
    Hypervisor h = new SimHosts(host.getParent().getParent()).open("localhost");
    SpecSet specs = SpecLoader.parse("spec.yaml", Files.readString(fixture.resolve("spec.yaml")));
    List<Observed> observed =
        List.of(
            Observed.of(
                "localhost", h.info(), h.domains(), h.capabilities(), h.now().toEpochMilli()));
    Plan plan = Planner.plan(specs, observed, PlanOptions.of(false, false, false, "localhost"));
    StringBuilder actual =
        new StringBuilder(
            PlanView.text(plan, Causes.of(Map.of("localhost", h.changes(0)), observed), false));
    actual.append(PlanView.summary(plan)).append('\n');
    for (xm.diag.Diagnostic p : plan.problems()) {
      actual.append("problem: ").append(p).append('\n');
    }
    Path expected = fixture.resolve("expected.txt");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(Files.readString(expected), actual.toString(), "fixture " + fixture);
  }
}
