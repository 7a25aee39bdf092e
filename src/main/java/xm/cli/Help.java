package xm.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * xm's help texts: the short list of common commands, the full grouped list, and one command's
 * usage.
 */
public final class Help {
  private static final String USAGE =
      "Usage: xm <subcommand> [args]\n\nControl, list, and manipulate Xen guest instances.\n";
  private static final String FOOTER =
      "<Domain> can either be the Domain Name or Id.\n"
          + "For more help on 'xm' see the xm(1) man page.\n"
          + "For more help on 'xm create' see the xmdomain.cfg(5)  man page.\n";

  private Help() {}

  public static void shortHelp(PrintWriter out) {
    out.println(USAGE);
    out.println("Common 'xm' commands:\n");
    for (CommandTable.Entry e : CommandTable.entries()) {
      if (e.common()) {
        line(out, e);
      }
    }
    out.println();
    out.println(FOOTER);
    out.println("For a complete list of subcommands run 'xm help --long'.");
  }

  public static void longHelp(PrintWriter out) {
    out.println(USAGE);
    out.println("xm full list of subcommands:");
    for (Section s : Section.values()) {
      boolean first = true;
      for (CommandTable.Entry e : CommandTable.entries()) {
        if (e.section() != s) {
          continue;
        }
        if (first) {
          out.println();
          out.println(s.title() + ":");
          first = false;
        }
        line(out, e);
      }
    }
    out.println();
    out.println(FOOTER);
  }

  private static void line(PrintWriter out, CommandTable.Entry e) {
    List<String> desc = Text.wrap(e.description(), 50);
    out.println(" " + Text.left(e.name(), 20) + " " + desc.get(0));
    for (String more : desc.subList(1, desc.size())) {
      out.println(" ".repeat(22) + more);
    }
  }

  /** {@code Usage: xm <cmd> <args>}, the description, and the command's options. */
  public static void commandHelp(PrintWriter out, CommandTable.Entry e, List<Opt> options) {
    out.println("Usage: xm " + e.name() + (e.synopsis().isEmpty() ? "" : " " + e.synopsis()));
    out.println();
    out.println(e.description());
    out.println();
    out.println("Options:");
    for (Opt o : options) {
      String names = o.display();
      List<String> wrapped = Text.wrap(o.description(), 43);
      out.println("  " + Text.left(names, 30) + " " + wrapped.get(0));
      for (String more : wrapped.subList(1, wrapped.size())) {
        out.println(" ".repeat(33) + more);
      }
    }
    out.println("  " + Text.left("-h, --help", 30) + " Print this help.");
    out.println();
  }
}
