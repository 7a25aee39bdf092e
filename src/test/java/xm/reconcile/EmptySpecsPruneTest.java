package xm.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xm.testing.Xm;

/**
 * Issue #8 item 1: a spec source that declares no domains (empty, only {@code ---}, only comments,
 * an empty stdin, a directory of empty files, only Host documents) never prunes the scope away:
 * apply, diff, dry runs and saved plans refuse it alike, naming the domains and --allow-empty; with
 * --allow-empty it is done.
 */
class EmptySpecsPruneTest {
  static final String TWO =
      """
      apiVersion: xm/v1
      kind: Domain
      metadata: {name: web1}
      spec: {kernel: /boot/vmlinuz, memory: 64}
      ---
      apiVersion: xm/v1
      kind: Domain
      metadata: {name: web2}
      spec: {kernel: /boot/vmlinuz, memory: 64}
      """;
  static final String REFUSAL =
      "Error: the specs declare no domains, so --prune would remove all 2 managed domains"
          + " of scope 'default' (web1, web2); pass --allow-empty if that is what you want";

  @TempDir Path dir;

  Xm xm;

  @BeforeEach
  void twoManagedDomains() {
    xm = new Xm(dir.resolve("home"), dir);
    assertEquals(0, xm.run("host", "init", "--clock", "manual").code());
    xm.file("web.yaml", TWO);
    assertEquals(0, xm.run("apply", "-f", "web.yaml").code());
  }

  String listing() {
    return xm.run("list").out();
  }

  void assertRefused(Xm.Run r, String what) {
    assertEquals(1, r.code(), what + ": " + r);
    assertEquals(REFUSAL, r.error(), what + ": " + r);
    assertFalse(r.err().contains("internal error"), what + ": " + r);
  }

  @Test
  void every_empty_source_is_refused_by_apply_and_changes_nothing() throws Exception {
    xm.file("empty.yaml", "");
    xm.file("dashes.yaml", "---\n");
    xm.file("many-dashes.yaml", "---\n---\n...\n---\n");
    xm.file("comments.yaml", "# all specs moved elsewhere\n\n   \n# nothing here\n");
    xm.file("empties/a.yaml", "");
    xm.file("empties/sub/b.yml", "---\n# c\n");
    xm.file(
        "hosts-only.yaml",
        "apiVersion: xm/v1\nkind: Host\nmetadata: {name: localhost}\nspec: {}\n");
    String before = listing();
    for (String f :
        List.of(
            "empty.yaml",
            "dashes.yaml",
            "many-dashes.yaml",
            "comments.yaml",
            "empties",
            "hosts-only.yaml")) {
      assertRefused(xm.run("apply", "--prune", "-f", f), f);
      assertRefused(xm.run("apply", "--prune", "--dry-run", "-f", f), f + " --dry-run");
    }
    assertRefused(
        xm.run("apply", "--prune", "-f", "empty.yaml", "-f", "comments.yaml"), "two empty files");
    assertRefused(xm.runWithInput("", "apply", "--prune", "-f", "-"), "empty stdin");
    assertRefused(
        xm.runWithInput("---\n# nothing\n", "apply", "--prune", "-f", "-"), "stdin of comments");
    assertEquals(before, listing());
  }

  @Test
  void diff_gives_the_answer_apply_would_give() {
    xm.file("empty.yaml", "");
    Xm.Run diff = xm.run("diff", "--prune", "-f", "empty.yaml");
    assertRefused(diff, "diff");
    assertTrue(
        diff.out().contains("Plan refused (1 problem): apply would change nothing."),
        diff.toString());
    // without --prune nothing would be removed: the domains are only not in the specs
    Xm.Run noPrune = xm.run("diff", "-f", "empty.yaml");
    assertEquals(0, noPrune.code(), noPrune.toString());
    assertEquals(2, xm.run("diff", "--prune", "--allow-empty", "-f", "empty.yaml").code());
  }

  @Test
  void a_refused_plan_is_not_saved_and_an_allowed_one_applies_from_its_file() {
    xm.file("empty.yaml", "");
    Xm.Run refused = xm.run("diff", "--prune", "-f", "empty.yaml", "--save-plan", "plan.json");
    assertRefused(refused, "save-plan");
    assertFalse(Files.exists(dir.resolve("plan.json")));
    assertEquals(
        2,
        xm.run("diff", "--prune", "--allow-empty", "-f", "empty.yaml", "--save-plan", "plan.json")
            .code());
    Xm.Run applied = xm.run("apply", "--plan", "plan.json");
    assertEquals(0, applied.code(), applied.toString());
    assertFalse(listing().contains("web1"));
    assertFalse(listing().contains("web2"));
  }

  @Test
  void allow_empty_prunes_everything_when_asked_for() {
    xm.file("empty.yaml", "");
    Xm.Run r = xm.run("apply", "--prune", "--allow-empty", "-f", "empty.yaml");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("2 to destroy"), r.toString());
    assertFalse(listing().contains("web1"));
  }

  @Test
  void one_declared_domain_is_not_empty_so_the_rest_is_pruned_as_usual() {
    xm.file(
        "one.yaml",
        "apiVersion: xm/v1\nkind: Domain\nmetadata: {name: web1}\nspec: {kernel: /boot/vmlinuz, memory: 64}\n");
    Xm.Run r = xm.run("apply", "--prune", "-f", "one.yaml");
    assertEquals(0, r.code(), r.toString());
    assertTrue(listing().contains("web1"));
    assertFalse(listing().contains("web2"));
  }

  @Test
  void the_guard_counts_the_scope_it_prunes_and_cuts_long_lists() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      many.append("apiVersion: xm/v1\nkind: Domain\nmetadata: {name: db")
          .append(i)
          .append("}\nspec: {kernel: /boot/vmlinuz, memory: 32}\n---\n");
    }
    xm.file("db.yaml", many.toString());
    assertEquals(0, xm.run("apply", "--scope", "db", "-f", "db.yaml").code());
    xm.file("empty.yaml", "");
    Xm.Run r = xm.run("apply", "--prune", "--scope", "db", "-f", "empty.yaml");
    assertEquals(1, r.code(), r.toString());
    assertEquals(
        "Error: the specs declare no domains, so --prune would remove all 8 managed domains of scope 'db'"
            + " (db0, db1, db2, db3, db4 ... and 3 more); pass --allow-empty if that is what you want",
        r.error());
    // a scope with nothing managed has nothing to lose: an empty source is fine there
    Xm.Run none = xm.run("apply", "--prune", "--scope", "empty", "-f", "empty.yaml");
    assertEquals(0, none.code(), none.toString());
    assertTrue(listing().contains("web1") && listing().contains("db7"));
  }

  @Test
  void the_refusal_is_in_the_json_reports_too() {
    xm.file("empty.yaml", "");
    Xm.Run r = xm.run("apply", "--prune", "-f", "empty.yaml", "-o", "json");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().contains("the specs declare no domains"), r.toString());
    Xm.Run d = xm.run("diff", "--prune", "-f", "empty.yaml", "-o", "json");
    assertEquals(1, d.code(), d.toString());
    assertTrue(d.out().contains("pass --allow-empty"), d.toString());
  }
}
