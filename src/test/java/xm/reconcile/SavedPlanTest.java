package xm.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.cli.Env;
import xm.cli.Main;
import xm.hypervisor.DomainInfo;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.sim.SimHosts;

/**
 * {@code xm diff --save-plan FILE} and {@code xm apply --plan FILE}: a saved plan applies exactly
 * as shown, or is refused whole with nothing changed when a host moved on, the file was edited, or
 * the file is not a saved plan.
 */
class SavedPlanTest {
  static final String SPECS =
      """
      apiVersion: xm/v1
      kind: Domain
      metadata:
        name: web1
      spec:
        kernel: /boot/vmlinuz-2.6.18-xen
        memory: 256
        maxmem: 512
        vcpus: 1
        maxvcpus: 2
      ---
      apiVersion: xm/v1
      kind: Domain
      metadata:
        name: web2
      spec:
        kernel: /boot/vmlinuz-2.6.18-xen
        memory: 128
      """;

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void specs() throws IOException {
    Files.createDirectories(dir.resolve("specs"));
    Files.writeString(dir.resolve("specs/web.yaml"), SPECS);
  }

  Run xm(String... args) {
    Map<String, String> vars = new HashMap<>();
    vars.put("XM_HOME", dir.resolve("home").toString());
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    Env env =
        new Env(
            new PrintWriter(o),
            new PrintWriter(e),
            vars,
            dir,
            InputStream.nullInputStream(),
            false);
    int code = Main.run(args, env);
    return new Run(code, o.toString(), e.toString());
  }

  Hypervisor host(String name) {
    return new SimHosts(dir.resolve("home")).open(name);
  }

  /** What a refused plan must leave alone: the revision and every domain as the host reports it. */
  record Snapshot(long revision, List<DomainInfo> domains) {}

  Snapshot snapshot() {
    Hypervisor h = host("localhost");
    return new Snapshot(
        h.revision(),
        h.domains().stream().sorted(java.util.Comparator.comparing(DomainInfo::name)).toList());
  }

  static void assertOneLineError(Run r, String expected) {
    assertEquals(1, r.code(), r.out() + r.err());
    assertEquals("Error: " + expected + "\n", r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace");
    assertEquals("", r.out());
  }

  /** The plan's change lines, as diff and apply print them before anything happens. */
  static String changeLines(String out) {
    return out.lines()
        .filter(l -> l.startsWith(" ") || l.endsWith(":") && !l.contains(" "))
        .reduce("", (a, b) -> a + b + "\n");
  }

  @Test
  void a_saved_plan_applies_unchanged_and_lists_the_same_changes() throws IOException {
    assertEquals(0, xm("host", "init", "--clock", "manual").code());
    Run diff = xm("diff", "-f", "specs", "--save-plan", "plan.json");
    assertEquals(2, diff.code(), diff.err());
    assertTrue(diff.out().contains("+ web1  create"), diff.out());
    assertEquals(
        "Saved the plan to plan.json; xm apply --plan plan.json applies exactly this plan.\n",
        diff.err());
    Run apply = xm("apply", "--plan", "plan.json");
    assertEquals(0, apply.code(), apply.out() + apply.err());
    assertEquals(
        changeLines(diff.out()),
        changeLines(apply.out().substring(0, apply.out().indexOf("Plan:"))));
    assertTrue(
        apply.out().contains("Apply complete: 2 succeeded, 0 failed, 0 skipped."), apply.out());
    Run after = xm("diff", "-f", "specs");
    assertEquals(0, after.code(), "the host ends as the specs say: " + after.out());
    assertTrue(
        host("localhost").changes(0).stream()
            .anyMatch(e -> "xm apply --plan plan.json".equals(e.origin())),
        "the host's log names the command");
  }

  @Test
  void the_saved_specs_are_applied_even_when_the_spec_files_change_afterwards() throws IOException {
    assertEquals(0, xm("host", "init", "--clock", "manual").code());
    assertEquals(2, xm("diff", "-f", "specs", "--save-plan", "plan.json").code());
    Files.writeString(dir.resolve("specs/web.yaml"), SPECS.replace("memory: 256", "memory: 300"));
    assertEquals(0, xm("apply", "--plan", "plan.json").code());
    assertEquals(256, host("localhost").domain("web1").memoryMiB());
  }

  @Test
  void an_imperative_change_since_the_plan_refuses_it_whole_and_changes_nothing() {
    assertEquals(0, xm("host", "init", "--clock", "manual").code());
    assertEquals(0, xm("apply", "-f", "specs").code());
    assertEquals(0, xm("mem-set", "web1", "384").code());
    assertEquals(2, xm("diff", "-f", "specs", "--save-plan", "plan.json").code());
    assertEquals(0, xm("mem-set", "web1", "300").code());
    Snapshot before = snapshot();
    assertOneLineError(
        xm("apply", "--plan", "plan.json"),
        "plan is stale: host 'localhost' changed at 00:00:00 by "
            + "xm mem-set web1 300; nothing was changed: make the plan again with xm diff --save-plan");
    assertEquals(before, snapshot());
    assertEquals(300, host("localhost").domain("web1").memoryMiB());

    assertEquals(0, xm("vcpu-set", "web1", "2").code());
    assertEquals(0, xm("pause", "web2").code());
    assertTrue(
        xm("apply", "--plan", "plan.json")
            .err()
            .contains(
                "changed at 00:00:00 by xm mem-set web1 300 (and 2 more changes); nothing was changed"));
    assertEquals(1, xm("apply", "--plan", "plan.json", "--dry-run").code(), "a dry run checks too");
  }

  @Test
  void a_change_on_a_host_the_plan_does_not_act_on_leaves_it_current() {
    assertEquals(0, xm("host", "init", "--clock", "manual").code());
    assertEquals(2, xm("diff", "-f", "specs", "--save-plan", "plan.json").code());
    assertEquals(0, xm("host", "init", "xen-b").code());
    assertEquals(
        0,
        xm(
                "--host",
                "xen-b",
                "create",
                "/dev/null",
                "name=other",
                "kernel=/boot/vmlinuz",
                "memory=64")
            .code());
    Run r = xm("apply", "--plan", "plan.json");
    assertEquals(0, r.code(), r.err());
    assertEquals(256, host("localhost").domain("web1").memoryMiB());
  }

  @Test
  void a_change_elsewhere_that_would_change_the_plan_makes_it_stale() {
    assertEquals(0, xm("host", "init", "--clock", "manual").code());
    assertEquals(0, xm("host", "init", "--clock", "manual", "xen-b").code());
    assertEquals(2, xm("diff", "-f", "specs", "--save-plan", "plan.json").code());
    // web1 appears on another host, made by hand: the plan made now would be refused (name taken)
    assertEquals(
        0,
        xm(
                "--host",
                "xen-b",
                "create",
                "/dev/null",
                "name=web1",
                "kernel=/boot/vmlinuz",
                "memory=64")
            .code());
    Snapshot before = snapshot();
    assertOneLineError(
        xm("apply", "--plan", "plan.json"),
        "plan is stale: host 'xen-b' changed at 00:00:00 by "
            + "xm create /dev/null name=web1 kernel=/boot/vmlinuz memory=64; nothing was changed: make the plan again "
            + "with xm diff --save-plan");
    assertEquals(before, snapshot());
  }

  @Test
  void an_edited_plan_file_is_refused_and_changes_nothing() throws IOException {
    assertEquals(0, xm("host", "init", "--clock", "manual").code());
    assertEquals(0, xm("apply", "-f", "specs").code());
    assertEquals(0, xm("mem-set", "web1", "384").code());
    assertEquals(2, xm("diff", "-f", "specs", "--save-plan", "plan.json").code());
    String saved = Files.readString(dir.resolve("plan.json"));
    Snapshot before = snapshot();
    String mismatch =
        "plan file does not match what it would apply; make it again with xm diff --save-plan";

    Files.writeString(
        dir.resolve("desired.json"),
        saved.replace("\"desired\": \"256 MiB\"", "\"desired\": \"200 MiB\""));
    assertOneLineError(xm("apply", "--plan", "desired.json"), mismatch);

    Files.writeString(dir.resolve("spec.json"), saved.replace("memory: 256", "memory: 200"));
    assertOneLineError(xm("apply", "--plan", "spec.json"), mismatch);

    Files.writeString(
        dir.resolve("dropped.json"),
        saved.replace("\"action\": \"update\"", "\"action\": \"noop\""));
    assertOneLineError(xm("apply", "--plan", "dropped.json"), mismatch);

    Files.writeString(dir.resolve("broken.json"), saved.replace("memory: 256", "memroy: 256"));
    Run broken = xm("apply", "--plan", "broken.json");
    assertEquals(1, broken.code());
    assertTrue(
        broken
            .err()
            .startsWith(
                "Error: plan file does not match what it would apply (its specs do not read: "
                    + "specs/web.yaml:7:3: unknown field 'memroy'"),
        broken.err());
    assertEquals(before, snapshot());

    Run ok = xm("apply", "--plan", "plan.json");
    assertEquals(0, ok.code(), "the file as saved still applies: " + ok.err());
    assertEquals(256, host("localhost").domain("web1").memoryMiB());
  }

  /** Edits that leave the plan's JSON as it was still change what would run: they are caught. */
  @Test
  void editing_what_would_run_without_changing_how_the_plan_reads_is_refused() throws IOException {
    assertEquals(0, xm("host", "init", "--clock", "manual").code());
    assertEquals(2, xm("diff", "-f", "specs", "--save-plan", "plan.json").code());
    String saved = Files.readString(dir.resolve("plan.json"));
    Files.writeString(
        dir.resolve("kernel.json"),
        saved.replace(
            "kernel: /boot/vmlinuz-2.6.18-xen\\n  memory: 128",
            "kernel: /evil/kernel\\n  memory: 128"));
    Files.writeString(
        dir.resolve("scope.json"),
        saved.replace("\"scope\": \"default\"", "\"scope\": \"other-team\""));
    Snapshot before = snapshot();
    String mismatch =
        "plan file does not match what it would apply; make it again with xm diff --save-plan";
    assertTrue(!Files.readString(dir.resolve("kernel.json")).equals(saved), "the edit took");
    assertOneLineError(xm("apply", "--plan", "kernel.json"), mismatch);
    assertOneLineError(xm("apply", "--plan", "scope.json"), mismatch);
    assertEquals(before, snapshot());
  }

  @Test
  void files_that_are_not_saved_plans_are_one_line_errors_naming_the_file() throws IOException {
    assertEquals(0, xm("host", "init", "--clock", "manual").code());
    assertEquals(2, xm("diff", "-f", "specs", "--save-plan", "plan.json").code());
    String saved = Files.readString(dir.resolve("plan.json"));
    Files.writeString(dir.resolve("text.json"), "not json\n");
    Files.writeString(
        dir.resolve("cut.json"), saved.substring(0, saved.indexOf("\"options\"") + 20));
    Files.writeString(
        dir.resolve("v2.json"),
        saved.replace(
            "\"format\": " + SavedPlan.FORMAT + ",",
            "\"format\": " + (SavedPlan.FORMAT + 1) + ","));
    Files.writeString(
        dir.resolve("type.json"), saved.replace("\"prune\": false", "\"prune\": \"no\""));
    Files.writeString(
        dir.resolve("extra.json"),
        saved.replace("\"prune\": false", "\"prune\": false, \"force\": true"));
    Files.writeString(dir.resolve("list.json"), "[1, 2]\n");
    Snapshot before = snapshot();

    assertOneLineError(
        xm("apply", "--plan", "text.json"),
        "text.json:1:1: not JSON: Unrecognized token 'not': was "
            + "expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false'); make it again with xm diff "
            + "--save-plan");
    assertTrue(
        xm("apply", "--plan", "cut.json")
            .err()
            .matches(
                "Error: cut\\.json:\\d+:\\d+: the file ends too early \\(truncated\\?\\): .*\n"));
    assertOneLineError(
        xm("apply", "--plan", "v2.json"),
        "v2.json: saved-plan format "
            + (SavedPlan.FORMAT + 1)
            + " is not one this xm reads (it reads "
            + SavedPlan.FORMAT
            + "); make it again with xm diff --save-plan");
    assertOneLineError(
        xm("apply", "--plan", "type.json"),
        "type.json:6:14: options.prune: expected true or false; make it again with xm diff --save-plan");
    assertOneLineError(
        xm("apply", "--plan", "extra.json"),
        "extra.json:13:4: unknown field options.force; make it again with xm diff --save-plan");
    assertOneLineError(
        xm("apply", "--plan", "list.json"),
        "list.json: not a saved plan (no \"format\" field); make it with xm diff --save-plan");
    assertOneLineError(
        xm("apply", "--plan", "missing.json"), "cannot read plan file missing.json: no such file");
    assertEquals(before, snapshot());
  }

  @Test
  void plan_takes_no_planning_flags() {
    Run r = xm("apply", "--plan", "plan.json", "-f", "specs", "--prune");
    assertEquals(1, r.code());
    assertTrue(
        r.err()
            .startsWith(
                "Error: 'xm apply --plan' takes no -f, --prune: the saved plan carries its specs and "
                    + "planning flags\n"),
        r.err());
    assertTrue(xm("apply").err().contains("or --plan FILE"));
  }

  @Test
  void a_refused_plan_or_bad_specs_save_nothing() throws IOException {
    assertEquals(0, xm("host", "init", "--clock", "manual").code());
    assertEquals(0, xm("create", "/dev/null", "kernel=/boot/vmlinuz", "name=web2").code());
    Run refused = xm("diff", "-f", "specs", "--save-plan", "plan.json");
    assertEquals(1, refused.code());
    assertTrue(
        refused
            .err()
            .contains("domain 'web2' already runs on host 'localhost' and xm did not make it"),
        refused.err());
    assertTrue(
        refused.err().endsWith("Error: the plan was refused; nothing was saved to plan.json.\n"),
        refused.err());
    assertFalse(Files.exists(dir.resolve("plan.json")));

    Files.writeString(
        dir.resolve("specs/bad.yaml"),
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: x}\nspec: {memroy: 1}\n");
    Run bad = xm("diff", "-f", "specs", "--save-plan", "plan.json");
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("specs/bad.yaml:4:8: unknown field 'memroy'"), bad.err());
    assertFalse(Files.exists(dir.resolve("plan.json")));
  }

  @Test
  void saving_replaces_the_file_whole_and_leaves_no_temporary_file() throws IOException {
    assertEquals(0, xm("host", "init", "--clock", "manual").code());
    Files.writeString(dir.resolve("plan.json"), "old");
    assertEquals(2, xm("diff", "-f", "specs", "--save-plan", "plan.json", "-o", "json").code());
    SavedPlan p = PlanFile.read(dir.resolve("plan.json"), "plan.json");
    assertEquals(SavedPlan.FORMAT, p.format());
    assertEquals(
        List.of("specs/web.yaml"), p.specs().stream().map(xm.spec.SpecText::name).toList());
    assertEquals(SPECS, p.specs().get(0).text());
    assertEquals(
        new SavedPlan.Options(false, false, false, "localhost", "default", List.of(), false),
        p.options());
    assertEquals(
        Map.of(
            "localhost",
            new SavedPlan.HostMark(
                host("localhost").revision(), host("localhost").now().toEpochMilli())),
        p.hosts());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(
          List.of("home", "plan.json", "specs"),
          s.map(f -> f.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void the_saved_plan_is_what_diff_prints_as_json() throws IOException {
    assertEquals(0, xm("host", "init", "--clock", "manual").code());
    Run json = xm("diff", "-f", "specs", "-o", "json", "--save-plan", "plan.json");
    String file = Files.readString(dir.resolve("plan.json"), StandardCharsets.UTF_8);
    String plan =
        file.substring(
            file.indexOf("\"plan\": ") + "\"plan\": ".length(),
            file.lastIndexOf(",\n  \"operations\""));
    assertEquals(json.out().strip(), plan.strip().replace("\n  ", "\n"));
  }

  /**
   * The decision on holds (docs/decisions.md): a plan is made again at the clocks it was saved
   * with, so a hold that expired since still keeps its field as the saved plan shows it; the next
   * apply -f converges it.
   */
  @Test
  void a_hold_that_expired_since_the_plan_was_saved_still_holds_for_that_plan() throws Exception {
    assertEquals(0, xm("host", "init").code(), "a host on the wall clock");
    assertEquals(0, xm("apply", "-f", "specs").code());
    assertEquals(0, xm("mem-set", "web1", "384", "--hold", "2s").code());
    Run held = xm("diff", "-f", "specs", "--save-plan", "plan.json");
    assertEquals(0, held.code(), held.out());
    assertTrue(held.out().contains("memory: held until"), held.out());
    long until =
        PlanFile.read(dir.resolve("plan.json"), "plan.json").hosts().get("localhost").clockMs()
            + 2000;
    while (host("localhost").now().toEpochMilli() <= until) {
      Thread.sleep(100);
    }
    assertEquals(2, xm("diff", "-f", "specs").code(), "the hold has expired");
    Run apply = xm("apply", "--plan", "plan.json");
    assertEquals(0, apply.code(), apply.out() + apply.err());
    assertTrue(apply.out().contains("No changes. The hosts match the specs."), apply.out());
    assertEquals(384, host("localhost").domain("web1").memoryMiB());
  }
}
