package xm.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Table tests from the man page's CONFIGURING SECURITY story, told by the project's home-banking
 * policy.
 */
class DecisionsTest {
  private final SecurityPolicy p = Policies.homebanking();

  private VmLabel vm(String name) {
    return p.vmLabel(name).orElseThrow();
  }

  private static Map<String, String> running(String... domainLabel) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < domainLabel.length; i += 2) {
      m.put(domainLabel[i], domainLabel[i + 1]);
    }
    return m;
  }

  @Test
  void should_not_run_home_banking_beside_a_fun_domain() {
    Optional<String> denied =
        ChineseWall.denyStart(
            p, "dom_HomeBanking", running("Domain-0", "dom_Management", "games", "dom_Fun"));
    assertEquals(
        Optional.of(
            "Domain in conflict set with running domain? (dom_HomeBanking against games labeled dom_Fun:"
                + " conflict set Protection holds both cw_Sensitive and cw_Distrusted)"),
        denied);
    assertTrue(ChineseWall.denyStart(p, "dom_Fun", running("bank", "dom_HomeBanking")).isPresent());
  }

  @Test
  void should_run_home_banking_beside_domains_outside_its_conflict_set() {
    Map<String, String> r =
        running(
            "Domain-0",
            "dom_Management",
            "boinc",
            "dom_BoincClient",
            "store",
            "dom_StorageDomain",
            "plain",
            null,
            "other",
            "dom_HomeBanking");
    assertEquals(Optional.empty(), ChineseWall.denyStart(p, "dom_HomeBanking", r));
    assertEquals(
        Optional.empty(),
        ChineseWall.denyStart(p, null, running("games", "dom_Fun", "bank", "dom_HomeBanking")));
    assertEquals(
        Optional.empty(),
        ChineseWall.denyStart(p, SecurityPolicy.UNLABELED, running("games", "dom_Fun")));
  }

  @Test
  void should_refuse_a_label_the_policy_does_not_define() {
    assertEquals(
        Optional.of("label 'bogus' is not defined by policy example.homebanking"),
        ChineseWall.denyStart(p, "bogus", Map.of()));
  }

  @Test
  void
      should_refuse_a_policy_load_that_would_put_running_domains_in_conflict_or_drop_their_label() {
    assertEquals(
        Optional.empty(),
        ChineseWall.denyLoad(p, running("Domain-0", "dom_Management", "bank", "dom_HomeBanking")));
    assertEquals(
        Optional.of(
            "running domains bank and games would conflict: conflict set Protection holds both cw_Distrusted and cw_Sensitive"),
        ChineseWall.denyLoad(p, running("bank", "dom_HomeBanking", "games", "dom_Fun")));
    assertEquals(
        Optional.of(
            "running domain x would lose its label 'red': policy example.homebanking does not define it"),
        ChineseWall.denyLoad(p, running("x", "red")));
  }

  @Test
  void should_follow_a_label_renamed_by_the_new_policy() {
    SecurityPolicy renamed =
        new SecurityPolicy(
            p.name(),
            "1.1",
            p.steTypes(),
            p.chwallTypes(),
            p.conflictSets(),
            p.vmLabels().stream()
                .map(
                    l ->
                        l.name().equals("dom_Fun")
                            ? new VmLabel(
                                "dom_Games", l.steTypes(), l.chwallTypes(), Optional.of("dom_Fun"))
                            : l)
                .toList(),
            p.resourceLabels(),
            p.bootstrap());
    assertEquals(Optional.empty(), ChineseWall.denyLoad(renamed, running("games", "dom_Fun")));
    assertTrue(
        ChineseWall.denyLoad(renamed, running("games", "dom_Fun", "bank", "dom_HomeBanking"))
            .isPresent());
  }

  @Test
  void should_let_home_banking_use_its_partition_and_nothing_of_the_fun_domain() {
    ResourceLabel hda1 = p.resourceLabel("res_LogicalDiskPartition1(hda1)").orElseThrow();
    ResourceLabel games = p.resourceLabel("res_GamesDisk").orElseThrow();
    assertTrue(Ste.mayUse(vm("dom_HomeBanking"), hda1));
    assertFalse(Ste.mayUse(vm("dom_HomeBanking"), games));
    assertFalse(Ste.mayUse(vm("dom_Fun"), hda1));
    assertTrue(Ste.mayUse(vm("dom_Fun"), games));
    assertFalse(Ste.mayCommunicate(vm("dom_HomeBanking"), vm("dom_Fun")));
    assertFalse(Ste.mayCommunicate(vm("dom_HomeBanking"), vm("dom_BoincClient")));
    assertTrue(Ste.mayCommunicate(vm("dom_HomeBanking"), vm("dom_StorageDomain")));
  }

  @Test
  void should_authorize_only_labels_that_share_a_type_with_domain0() {
    for (String l :
        List.of(
            "dom_Management",
            "dom_HomeBanking",
            "dom_Fun",
            "dom_BoincClient",
            "dom_StorageDomain")) {
      assertTrue(Ste.authorizedToRun(p, vm(l)), l);
    }
    assertFalse(Ste.authorizedToRun(p, vm("dom_Stranger")));
  }

  @Test
  void should_number_labels_unlabeled_bootstrap_then_by_name() {
    Ssids s = new Ssids(p);
    assertEquals(
        List.of(
            "dom_Management",
            "dom_BoincClient",
            "dom_Fun",
            "dom_HomeBanking",
            "dom_StorageDomain",
            "dom_Stranger"),
        s.vmLabels().stream().map(VmLabel::name).toList());
    assertEquals(Optional.of(0), s.ssidref(SecurityPolicy.UNLABELED));
    assertEquals(Optional.of(0x00010001), s.ssidref("dom_Management"));
    assertEquals(Optional.of(0x00040004), s.ssidref("dom_HomeBanking"));
    assertEquals(Optional.empty(), s.ssidref("nosuch"));
  }
}
