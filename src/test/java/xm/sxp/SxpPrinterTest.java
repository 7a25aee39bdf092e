package xm.sxp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import xm.diag.XmException;

class SxpPrinterTest {

  /**
   * A sample of our own in xend's PrettyPrint layout (src/test/resources/sxp/layout-samples.txt),
   * from its marker line to the next; SxpPrinterConformance checks the printer against Xen's own.
   */
  private static String sample(String marker) throws IOException {
    String all = Files.readString(Path.of("src/test/resources/sxp/layout-samples.txt"));
    int start = all.indexOf('\n', all.indexOf(marker)) + 1;
    int end = all.indexOf("===", start);
    return end < 0 ? all.substring(start) : all.substring(start, end);
  }

  @Test
  void should_lay_out_a_domain_with_empty_atoms_in_prettyprint_layout() throws IOException {
    String expected = sample("=== host domain");
    Sxp parsed = withEmptyAtoms(SxpParser.parseOne("sample", expected));
    assertEquals(expected, SxpPrinter.pretty(parsed));
  }

  @Test
  void should_fold_at_80_columns_and_quote_non_atoms() throws IOException {
    String expected = sample("=== guest domain");
    Sxp parsed = SxpParser.parseOne("sample", expected);
    assertEquals(expected, SxpPrinter.pretty(parsed));
    Sxp.SList domain = (Sxp.SList) parsed;
    assertEquals("primary database, keep on this host", domain.value("description", null));
    assertEquals("ops' rota", domain.value("owner", null));
  }

  @Test
  void should_print_empty_atoms_bare_and_quote_special_characters() {
    assertEquals("(features )", SxpPrinter.flat(Sxp.node("features", "")));
    assertEquals(
        "(args 'root=/dev/ram0 ro')", SxpPrinter.flat(Sxp.node("args", "root=/dev/ram0 ro")));
    assertEquals("(q \"it's\")", SxpPrinter.flat(Sxp.node("q", "it's")));
    assertEquals("(q 'a\\'b\"c')", SxpPrinter.flat(Sxp.node("q", "a'b\"c")));
    assertEquals("(at a@b)".replace("a@b", "'a@b'"), SxpPrinter.flat(Sxp.node("at", "a@b")));
    assertEquals("(at @)", SxpPrinter.flat(Sxp.node("at", "@")));
  }

  @Test
  void should_report_unbalanced_parentheses_with_their_position() {
    XmException e =
        assertThrows(
            XmException.class, () -> SxpParser.parseAll("state.sxp", "(domain\n  (name x)\n"));
    assertEquals("state.sxp:1:1: unclosed '(': add the missing ')'", e.getMessage());
    e = assertThrows(XmException.class, () -> SxpParser.parseAll("f", "(a)\n  )"));
    assertTrue(e.getMessage().startsWith("f:2:3: unexpected ')'"), e.getMessage());
    e = assertThrows(XmException.class, () -> SxpParser.parseAll("f", "(a 'open"));
    assertTrue(e.getMessage().startsWith("f:1:4: unterminated quoted atom"), e.getMessage());
  }

  @Property(tries = 300)
  void printing_then_parsing_gives_back_the_same_expression(@ForAll("trees") Sxp tree) {
    Sxp back = SxpParser.parseOne("t", SxpPrinter.exact(tree));
    assertEquals(strip(tree), strip(back));
  }

  @Property(tries = 300)
  void pretty_lines_never_exceed_80_columns_when_atoms_fit(@ForAll("trees") Sxp tree) {
    for (String line : SxpPrinter.pretty(tree).split("\n")) {
      boolean hasLongAtom = line.trim().length() > 40;
      assertTrue(line.length() <= 80 || hasLongAtom, line);
    }
  }

  /**
   * The layout rule, stated independently of how the printer measures: a list is written on one
   * line exactly when its flat form fits in what is left of the line (the printer stops measuring a
   * list once it cannot fit; this checks that it decides as if it had measured it all).
   */
  @Property(tries = 300)
  void a_list_stays_on_one_line_exactly_when_its_flat_form_fits(@ForAll("trees") Sxp tree) {
    assertEquals(reference(tree, 0, true) + "\n", SxpPrinter.exact(tree));
    assertEquals(reference(tree, 0, false) + "\n", SxpPrinter.pretty(tree));
  }

  private static String reference(Sxp sxp, int column, boolean exact) {
    String flat = exact ? SxpPrinter.exactLine(sxp) : SxpPrinter.flat(sxp);
    if (sxp instanceof Sxp.Atom
        || column + flat.length() <= SxpPrinter.WIDTH
        || ((Sxp.SList) sxp).items().isEmpty()) {
      return flat;
    }
    List<Sxp> items = ((Sxp.SList) sxp).items();
    StringBuilder out = new StringBuilder("(").append(reference(items.get(0), column + 1, exact));
    for (int i = 1; i < items.size(); i++) {
      out.append('\n')
          .append(" ".repeat(column + 4))
          .append(reference(items.get(i), column + 4, exact));
    }
    return out.append('\n').append(" ".repeat(column)).append(')').toString();
  }

  @Test
  void a_long_list_folds_and_a_short_one_does_not() {
    List<Sxp> many = new java.util.ArrayList<>();
    many.add(Sxp.atom("xm-state"));
    for (int i = 0; i < 2000; i++) {
      many.add(Sxp.node("domid", i));
    }
    String text = SxpPrinter.exact(Sxp.list(many));
    assertTrue(text.startsWith("(xm-state\n    (domid 0)\n    (domid 1)\n"), text.substring(0, 60));
    assertEquals(
        "(a (b c))\n",
        SxpPrinter.exact(Sxp.list(Sxp.atom("a"), Sxp.list(Sxp.atom("b"), Sxp.atom("c")))));
  }

  @Property(tries = 500)
  void the_parser_never_fails_with_anything_but_a_located_error(@ForAll String text) {
    try {
      SxpParser.parseAll("x", text);
    } catch (XmException e) {
      assertTrue(e.getMessage().startsWith("x:"), e.getMessage());
    }
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

  @Test
  void exact_form_keeps_empty_strings() {
    Sxp s = Sxp.list(Sxp.node("cmdline", ""), Sxp.node("a", "x"));
    assertEquals("((cmdline '') (a x))\n", SxpPrinter.exact(s));
    assertEquals(strip(s), strip(SxpParser.parseOne("t", SxpPrinter.exact(s))));
  }

  private static Object strip(Sxp s) {
    if (s instanceof Sxp.Atom a) {
      return a.value();
    }
    return ((Sxp.SList) s).items().stream().map(SxpPrinterTest::strip).toList();
  }

  @Provide
  Arbitrary<Sxp> trees() {
    Arbitrary<Sxp> atom =
        Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcxyz019._-:/~").ofMinLength(0).ofMaxLength(12),
                Arbitraries.strings().ofMaxLength(10))
            .map(Sxp::atom);
    return Arbitraries.recursive(
        () -> atom, inner -> inner.list().ofMaxSize(5).map(l -> Sxp.list(List.copyOf(l))), 0, 4);
  }
}
