package xm.hypervisor.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import xm.diag.XmException;
import xm.hypervisor.ChangeEvent;
import xm.sxp.Sxp;
import xm.sxp.SxpParser;
import xm.sxp.SxpPrinter;

/**
 * A host's change events: {@code events.sxp}, one S-expression per line, appended after each
 * commit under the host's lock. When it passes {@link #ROTATE_BYTES} it becomes
 * {@code events.1.sxp} (replacing the one before), so the history is bounded (two files). A line
 * torn by a crash is skipped when read.
 */
final class EventLog {
  static final String FILE = "events.sxp";
  static final String OLD_FILE = "events.1.sxp";
  static final long ROTATE_BYTES = 1 << 20;

  private EventLog() {}

  static void append(StateStore store, List<ChangeEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder(events.size() * 96);
    for (ChangeEvent e : events) {
      List<Sxp> items = new ArrayList<>(8);
      items.add(Sxp.atom("event"));
      items.add(Sxp.node("rev", e.revision()));
      items.add(Sxp.node("time", e.timeMs()));
      items.add(Sxp.node("domain", e.domain()));
      items.add(Sxp.node("field", e.field()));
      items.add(Sxp.node("before", e.before()));
      items.add(Sxp.node("after", e.after()));
      if (e.origin() != null) {
        items.add(Sxp.node("origin", e.origin().replace('\n', ' ')));
      }
      b.append(SxpPrinter.exactLine(Sxp.list(items))).append('\n');
    }
    Path file = store.file(FILE);
    try {
      if (Files.size(file) > ROTATE_BYTES) {
        Files.move(file, store.file(OLD_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (java.nio.file.NoSuchFileException none) {
      // the first events of this host
    } catch (IOException e) {
      throw XmException.error("cannot rotate " + file + ": " + e.getMessage());
    }
    store.append(FILE, b.toString());
  }

  /** The events after revision {@code after}, oldest first. */
  static List<ChangeEvent> since(StateStore store, long after) {
    List<ChangeEvent> out = new ArrayList<>();
    for (String name : List.of(OLD_FILE, FILE)) {
      String text = store.read(name);
      if (text == null) {
        continue;
      }
      for (String line : text.split("\n")) {
        ChangeEvent e = parse(store.file(name).toString(), line);
        if (e != null && e.revision() > after) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private static ChangeEvent parse(String source, String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      Sxp.SList l = (Sxp.SList) SxpParser.parseOne(source, line);
      return new ChangeEvent(Long.parseLong(l.value("rev", "0")), Long.parseLong(l.value("time", "0")),
          l.value("domain", ""), l.value("field", ""), l.value("before", ""), l.value("after", ""),
          l.value("origin", null));
    } catch (RuntimeException tornOrEdited) {
      return null;
    }
  }
}
