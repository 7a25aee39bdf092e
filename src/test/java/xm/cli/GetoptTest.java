package xm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class GetoptTest {
  static final Opt WAIT = Opt.flag("-w", "--wait", "");
  static final Opt ALL = Opt.flag("-a", "--all", "");
  static final Opt RES = Opt.value("-r", "--resource", "<Mbs>", "");
  static final Opt LIVE = Opt.flag("-l", "--live", "");
  static final Opt LABEL = Opt.flag(null, "--label", "");
  static final List<Opt> OPTS = List.of(WAIT, ALL, RES, LIVE, LABEL);

  @Test
  void options_may_come_anywhere_and_cluster() {
    Getopt.Result r = Getopt.parse(OPTS, new String[] {"dom", "-wa", "host", "-r100"});
    assertEquals(List.of("dom", "host"), r.positional());
    assertEquals(List.of(""), r.values().get(WAIT));
    assertEquals(List.of(""), r.values().get(ALL));
    assertEquals(List.of("100"), r.values().get(RES));
  }

  @Test
  void long_options_take_values_after_equals_or_next_and_accept_unique_prefixes() {
    assertEquals(List.of("5"), Getopt.parse(OPTS, new String[] {"--resource=5"}).values().get(RES));
    assertEquals(List.of("6"), Getopt.parse(OPTS, new String[] {"--res", "6"}).values().get(RES));
    assertEquals(List.of(""), Getopt.parse(OPTS, new String[] {"--li"}).values().get(LIVE));
    assertEquals(
        "option --l not a unique prefix",
        assertThrows(UsageException.class, () -> Getopt.parse(OPTS, new String[] {"--l"}))
            .getMessage());
  }

  @Test
  void errors_use_getopts_words() {
    assertEquals(
        "option -x not recognized",
        assertThrows(UsageException.class, () -> Getopt.parse(OPTS, new String[] {"-x"}))
            .getMessage());
    assertEquals(
        "option --bogus not recognized",
        assertThrows(UsageException.class, () -> Getopt.parse(OPTS, new String[] {"--bogus=1"}))
            .getMessage());
    assertEquals(
        "option -r requires argument",
        assertThrows(UsageException.class, () -> Getopt.parse(OPTS, new String[] {"-r"}))
            .getMessage());
    assertEquals(
        "option --wait must not have an argument",
        assertThrows(UsageException.class, () -> Getopt.parse(OPTS, new String[] {"--wait=yes"}))
            .getMessage());
    assertEquals(
        "option -1 not recognized",
        assertThrows(UsageException.class, () -> Getopt.parse(OPTS, new String[] {"dom", "-1"}))
            .getMessage());
  }

  @Test
  void double_dash_ends_options() {
    assertEquals(
        List.of("-w", "x"), Getopt.parse(OPTS, new String[] {"--", "-w", "x"}).positional());
  }
}
