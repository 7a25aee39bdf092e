package xm.hypervisor.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xm.diag.XmException;
import xm.hypervisor.ChangeEvent;
import xm.sxp.Sxp;
import xm.sxp.SxpParser;
import xm.sxp.SxpPrinter;

/**
 * A host's change events: {@code events.sxp}, one S-expression per line (every value quoted and
 * escaped, so a newline in a command line cannot make a second record), appended after each commit
 * under the host's lock, best effort (the committed state is the truth). A line torn by a crash, or
 * edited into nonsense, is skipped when read.
 *
 * <p>The history is bounded without losing what drift reports need. When {@code events.sxp} passes
 * {@link #ROTATE_BYTES} it is <em>compacted</em> with {@code events.1.sxp} into a new {@code
 * events.1.sxp}: of each field of each domain only the newest event is kept (that is all a drift
 * cause is made of: who changed this field of this domain last), domains that are gone are dropped,
 * and if that is still more than {@link #COMPACT_BYTES} the oldest go first. So at most about three
 * MiB, and the cause of a field that drifted long ago survives any number of later changes to other
 * fields and domains.
 */
final class EventLog {
  static final String FILE = "events.sxp";
  static final String OLD_FILE = "events.1.sxp";
  static final long ROTATE_BYTES = 1 << 20;

  /** The most the compacted history may take; past it the oldest events are dropped. */
  static final long COMPACT_BYTES = 2L << 20;

  /** Reading stops this far from a file's end: a huge file (hand-made) costs no more than this. */
  static final long READ_BYTES = 4L << 20;

  private EventLog() {}

  static void append(StateStore store, List<ChangeEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder(events.size() * 96);
    for (ChangeEvent e : events) {
      b.append(line(e)).append('\n');
    }
    Path file = store.file(FILE);
    try {
      if (Files.isRegularFile(file) && Files.size(file) > ROTATE_BYTES) {
        compact(store);
      }
      store.append(FILE, b.toString());
    } catch (IOException | XmException e) {
      // Best effort, like xend.log: the state is committed and is the truth; a lost event only
      // means a drift report cannot name who made that change.
    }
  }

  private static String line(ChangeEvent e) {
    List<Sxp> items = new ArrayList<>(9);
    items.add(Sxp.atom("event"));
    items.add(Sxp.node("rev", e.revision()));
    items.add(Sxp.node("time", e.timeMs()));
    items.add(Sxp.node("domain", e.domain()));
    items.add(Sxp.node("uuid", e.uuid()));
    items.add(Sxp.node("field", e.field()));
    items.add(Sxp.node("before", e.before()));
    items.add(Sxp.node("after", e.after()));
    if (e.origin() != null) {
      items.add(Sxp.node("origin", e.origin())); // quoted and escaped: one record per line
    }
    return SxpPrinter.exactLine(Sxp.list(items));
  }

  /**
   * Replaces {@code events.1.sxp} with the newest event of each field of each domain still there,
   * from both files, and empties {@code events.sxp}. Killed half-way, the events are in both files
   * for a while; readers skip the repeats (see {@link #since}).
   */
  static void compact(StateStore store) throws IOException {
    java.util.LinkedHashMap<String, ChangeEvent> newest = new java.util.LinkedHashMap<>();
    java.util.Set<String> gone = new java.util.HashSet<>();
    for (ChangeEvent e : since(store, Long.MIN_VALUE)) {
      String key = e.uuid() + "/" + e.field();
      newest.remove(key); // re-inserted last: the map stays ordered by each key's newest event
      newest.put(key, e);
      if (e.field().equals("domain")) {
        if (e.after().equals("(none)")) {
          gone.add(e.uuid());
        } else {
          gone.remove(e.uuid());
        }
      }
    }
    List<String> lines = new ArrayList<>(newest.size());
    for (ChangeEvent e : newest.values()) {
      if (!gone.contains(e.uuid())) {
        lines.add(line(e));
      }
    }
    long bytes = 0;
    int from = lines.size();
    while (from > 0 && bytes + lines.get(from - 1).length() + 1 <= COMPACT_BYTES) {
      bytes += lines.get(--from).length() + 1;
    }
    StringBuilder b = new StringBuilder((int) bytes);
    for (String l : lines.subList(from, lines.size())) {
      b.append(l).append('\n');
    }
    store.writeAtomically(OLD_FILE, b.toString());
    Files.deleteIfExists(store.file(FILE));
  }

  /**
   * The events after revision {@code after}, oldest first, from at most the last {@link
   * #READ_BYTES} of each file. Events only explain drift, so a file that cannot be read (removed, a
   * directory, unreadable) gives none rather than stopping a diff or an apply.
   */
  static List<ChangeEvent> since(StateStore store, long after) {
    List<ChangeEvent> out = new ArrayList<>();
    long last = after;
    for (String name : List.of(OLD_FILE, FILE)) {
      String text = tail(store.file(name));
      if (text == null) {
        continue;
      }
      long newestHere = last;
      for (String line : text.split("\n")) {
        ChangeEvent e = parse(store.file(name).toString(), line);
        // past 'last' only: what a compaction killed half-way left in both files is read once
        if (e != null && e.revision() > last) {
          out.add(e);
          newestHere = Math.max(newestHere, e.revision());
        }
      }
      last = newestHere;
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
      String text =
          new String(buf.array(), 0, buf.position(), java.nio.charset.StandardCharsets.UTF_8);
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
      return new ChangeEvent(
          Long.parseLong(l.value("rev", "0")),
          Long.parseLong(l.value("time", "0")),
          l.value("domain", ""),
          l.value("uuid", ""),
          l.value("field", ""),
          l.value("before", ""),
          l.value("after", ""),
          l.value("origin", null));
    } catch (RuntimeException tornOrEdited) {
      return null;
    }
  }
}
