package xm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import xm.sxp.Sxp;
import xm.sxp.SxpParser;
import xm.sxp.SxpPrinter;

/**
 * SxpPrinter lays out the samples Xen's own PrettyPrint produced (generated/xm-output-samples.txt)
 * exactly.
 */
@XenConformance
class SxpPrinterConformance {

  /** The sample between {@code marker} and the next {@code ===} line. */
  private static String sample(String marker) throws IOException {
    String all = Files.readString(XenReference.root().resolve("generated/xm-output-samples.txt"));
    int start = all.indexOf('\n', all.indexOf(marker)) + 1;
    int end = all.indexOf("===", start);
    return end < 0 ? all.substring(start) : all.substring(start, end);
  }

  @Test
  void should_lay_out_domain0_exactly_as_xend_prettyprint() throws IOException {
    String expected = sample("=== xm list --long Domain-0");
    Sxp parsed = withEmptyAtoms(SxpParser.parseOne("sample", expected));
    assertEquals(expected, SxpPrinter.pretty(parsed));
  }

  @Test
  void should_fold_at_80_columns_and_quote_non_atoms_like_xend() throws IOException {
    String expected = sample("=== xm list --long guest1");
    Sxp parsed = SxpParser.parseOne("sample", expected);
    assertEquals(expected, SxpPrinter.pretty(parsed));
    Sxp.SList domain = (Sxp.SList) parsed;
    assertEquals("a b", domain.value("name_with_space", null));
    assertEquals("it's", domain.value("quoted", null));
  }

  /**
   * xend printed (features '') as "(features )"; put the empty atoms back that the display form
   * loses.
   */
  private static Sxp withEmptyAtoms(Sxp s) {
    if (s instanceof Sxp.Atom) {
      return s;
    }
    Sxp.SList l = (Sxp.SList) s;
    List<Sxp> items = new java.util.ArrayList<>();
    for (Sxp x : l.items()) {
      items.add(withEmptyAtoms(x));
    }
    if (items.size() == 1 && ("features".equals(l.head()) || "kernel".equals(l.head()))) {
      items.add(Sxp.atom(""));
    }
    return Sxp.list(items);
  }
}
