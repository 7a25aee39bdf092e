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
 * commit under the host's lock, best effort (the committed state is the truth). When it passes
 * {@link #ROTATE_BYTES} it becomes {@code events.1.sxp} (replacing the one before), so the history
 * is bounded (two files). A line torn by a crash, or edited into nonsense, is skipped when read.
 */
final class EventLog {
  static final String FILE = "events.sxp";
  static final String OLD_FILE = "events.1.sxp";
  static final long ROTATE_BYTES = 1 << 20;
  /** Reading stops this far from a file's end: a huge file (hand-made) costs no more than this. */
  static final long READ_BYTES = 4L << 20;

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
      items.add(Sxp.node("uuid", e.uuid()));
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
      if (Files.isRegularFile(file) && Files.size(file) > ROTATE_BYTES) {
        Files.move(file, store.file(OLD_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      store.append(FILE, b.toString());
    } catch (IOException | XmException e) {
      // Best effort, like xend.log: the state is committed and is the truth; a lost event only
      // means a drift report cannot name who made that change.
    }
  }

  /**
   * The events after revision {@code after}, oldest first, from at most the last
   * {@link #READ_BYTES} of each file. Events only explain drift, so a file that cannot be read
   * (removed, a directory, unreadable) gives none rather than stopping a diff or an apply.
   */
  static List<ChangeEvent> since(StateStore store, long after) {
    List<ChangeEvent> out = new ArrayList<>();
    for (String name : List.of(OLD_FILE, FILE)) {
      String text = tail(store.file(name));
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

  /** The last {@link #READ_BYTES} of {@code file} from a line start, or null when unreadable. */
  private static String tail(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      long size = ch.size();
      long from = Math.max(0, size - READ_BYTES);
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) (size - from));
      while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
        // read on
      }
      String text = new String(buf.array(), 0, buf.position(), java.nio.charset.StandardCharsets.UTF_8);
      return from == 0 ? text : text.substring(text.indexOf('\n') + 1);
    } catch (IOException e) {
      return null;
    }
  }

  private static ChangeEvent parse(String source, String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      Sxp.SList l = (Sxp.SList) SxpParser.parseOne(source, line);
      return new ChangeEvent(Long.parseLong(l.value("rev", "0")), Long.parseLong(l.value("time", "0")),
          l.value("domain", ""), l.value("uuid", ""), l.value("field", ""), l.value("before", ""), l.value("after", ""),
          l.value("origin", null));
    } catch (RuntimeException tornOrEdited) {
      return null;
    }
  }
}
