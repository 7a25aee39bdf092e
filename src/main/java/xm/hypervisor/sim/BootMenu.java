package xm.hypervisor.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xm.diag.XmException;

/**
 * A GRUB legacy boot menu ({@code menu.lst}) as the simulated host reads it: {@code default N},
 * then entries from each {@code title} line to the next. A command may be separated from its
 * arguments by spaces or '=' (as GRUB allows); '#' starts a comment line. A module whose file ends
 * in {@code .bin} is the entry's access control policy. What cannot be honoured (a default that
 * names no entry, a policy module with arguments, two of them in one entry) is a located error:
 * silently booting without the policy would turn access control off.
 */
final class BootMenu {
  /**
   * One line: its number, its text, and its command and arguments (empty for blank and comment
   * lines).
   */
  record Line(int number, String text, String command, List<String> args) {}

  /** An entry: its title and the indexes of its lines (the title line first). */
  record Entry(String title, List<Integer> lines) {}

  private final String source;
  final List<Line> lines = new ArrayList<>();
  final List<Entry> entries = new ArrayList<>();
  private Line defaultLine;

  private BootMenu(String source) {
    this.source = source;
  }

  static BootMenu parse(String source, String text) {
    BootMenu m = new BootMenu(source);
    String[] raw = text.split("\n", -1);
    Entry current = null;
    for (int i = 0; i < raw.length; i++) {
      String s = raw[i].strip();
      String command = "";
      List<String> args = List.of();
      if (!s.isEmpty() && !s.startsWith("#")) {
        String[] words = s.split("[\\s=]+", 2);
        command = words[0];
        args =
            words.length < 2 || words[1].isBlank()
                ? List.of()
                : List.of(words[1].strip().split("\\s+"));
      }
      Line line = new Line(i + 1, raw[i], command, args);
      m.lines.add(line);
      if (command.equals("title")) {
        current =
            new Entry(
                s.substring("title".length()).replaceFirst("^[\\s=]+", "").strip(),
                new ArrayList<>());
        m.entries.add(current);
      }
      if (current != null) {
        current.lines().add(i);
      } else if (command.equals("default")) {
        m.defaultLine = line;
      }
    }
    return m;
  }

  /**
   * The entry GRUB boots: {@code default N} (0 when absent); a located error when it names none.
   */
  int defaultEntry() {
    if (defaultLine == null) {
      return 0;
    }
    String n = defaultLine.args().isEmpty() ? "" : defaultLine.args().get(0);
    if (!n.matches("[0-9]{1,4}") || Integer.parseInt(n) >= entries.size()) {
      throw XmException.error(
          where(defaultLine)
              + ": 'default "
              + n
              + "' names no boot entry (the menu has "
              + entries.size()
              + "); write default 0.."
              + (entries.size() - 1));
    }
    return Integer.parseInt(n);
  }

  /**
   * The policy module line of entry {@code e}, if it has one (a module whose file ends in .bin).
   */
  Optional<Line> policyModule(int e) {
    Line found = null;
    for (int i : entries.get(e).lines()) {
      Line l = lines.get(i);
      if (l.command().equals("module") && !l.args().isEmpty() && l.args().get(0).endsWith(".bin")) {
        if (found != null) {
          throw XmException.error(
              where(l)
                  + ": a second policy module in entry '"
                  + entries.get(e).title()
                  + "' (the first"
                  + " is on line "
                  + found.number()
                  + "); keep one, or set it with 'xm cfgbootpolicy POLICY'");
        }
        if (l.args().size() > 1) {
          throw XmException.error(
              where(l)
                  + ": a policy module takes no arguments, not '"
                  + String.join(" ", l.args().subList(1, l.args().size()))
                  + "'; set it with 'xm cfgbootpolicy POLICY'");
        }
        found = l;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The first entry whose title holds {@code kernelVersion} (null: the default entry), or -1. */
  int entryFor(String kernelVersion) {
    if (kernelVersion == null) {
      return entries.isEmpty() ? -1 : defaultEntry();
    }
    for (int e = 0; e < entries.size(); e++) {
      if (entries.get(e).title().contains(kernelVersion)) {
        return e;
      }
    }
    return -1;
  }

  /**
   * The menu's text with entry {@code e}'s policy modules replaced by {@code module} (after its
   * last line).
   */
  String withPolicyModule(int e, String module) {
    List<Integer> entry = entries.get(e).lines();
    int last = entry.get(0);
    for (int i : entry) {
      if (!lines.get(i).command().isEmpty()) {
        last = i;
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      boolean policyLine =
          entry.contains(i)
              && l.command().equals("module")
              && !l.args().isEmpty()
              && l.args().get(0).endsWith(".bin");
      if (!policyLine) {
        out.add(l.text());
      }
      if (i == last) {
        out.add(module);
      }
    }
    return String.join("\n", out);
  }

  String where(Line l) {
    return source + ":" + l.number();
  }
}
