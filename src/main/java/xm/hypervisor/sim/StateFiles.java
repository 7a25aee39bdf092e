package xm.hypervisor.sim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import xm.diag.XmException;

/**
 * A host's state on disk: the checkpoint {@code state.sxp} (the whole state at one revision, always
 * replaced whole, atomically) and the journal {@code state.journal} (one record per durable write
 * since, see {@link Journal}). A write appends what changed and fsyncs it; when the journal has
 * grown past the checkpoint's size (and at least {@link #minJournalBytes}), the state is folded
 * into a new checkpoint and the journal starts afresh, so a commit costs O(what it changed)
 * amortised, not O(the host).
 *
 * <p>Reading needs no lock: a reader loads the checkpoint, then replays the intact records whose
 * revisions follow it, each from the revision the one before made. A journal that does not follow
 * the checkpoint read (a compaction happened in between) is read again. A torn tail (a write that
 * never completed) is left out; a damaged record with intact ones after it is reported with the
 * file and offset, and nothing is written over it.
 */
final class StateFiles {
  /**
   * The journal is folded into the checkpoint when it grows past max(this, the checkpoint's size):
   * 1 MiB (tests lower it, in-process or with {@code -Dxm.sim.minJournalBytes}).
   */
  static volatile long minJournalBytes = Long.getLong("xm.sim.minJournalBytes", 1 << 20);

  /**
   * Test hook: a process with {@code -Dxm.sim.crashInWrite=append:N} halts half-way through its Nth
   * append to the journal (a torn record), with {@code compaction:N} between writing the Nth new
   * checkpoint and restarting the journal.
   */
  static final String CRASH_PROPERTY = "xm.sim.crashInWrite";

  private static final String CRASH = System.getProperty(CRASH_PROPERTY);
  private static final java.util.concurrent.atomic.AtomicInteger APPENDS =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicInteger COMPACTIONS =
      new java.util.concurrent.atomic.AtomicInteger();

  /** How often a reader reads again when a compaction moved the files under it. */
  private static final int READ_ATTEMPTS = 40;

  private final StateStore store;
  private final String host;

  /**
   * The host's facts, for the checks that depend on them (its memory, its CPUs); null: none known.
   */
  private final HostSpec spec;

  StateFiles(StateStore store, String host, HostSpec spec) {
    this.store = store;
    this.host = host;
    this.spec = spec;
  }

  /**
   * The files moved under a reader (or, read once more, are damaged): {@link #error} if it stays
   * so.
   */
  private static final class Unsettled extends Exception {
    final XmException error;

    Unsettled(XmException error) {
      super(error.getMessage(), null, false, false);
      this.error = error;
    }
  }

  /**
   * The committed state: checkpoint plus intact journal records. With {@code locked} (the caller
   * holds the host's lock, so nothing moves) an inconsistency is reported at once; without, it is
   * read again a few times first, since a writer may be compacting meanwhile.
   */
  SimState read(boolean locked) {
    for (int attempt = 0; ; attempt++) {
      try {
        return readOnce();
      } catch (Unsettled u) {
        if (locked || attempt >= READ_ATTEMPTS) {
          throw u.error;
        }
        pause(attempt);
      }
    }
  }

  private SimState readOnce() throws Unsettled {
    Committed.FileId cp = store.stat(StateStore.STATE_FILE);
    if (cp == null) {
      throw StateStore.unavailable(
          "host '" + host + "' has no state file " + store.file(StateStore.STATE_FILE));
    }
    byte[] bytes = store.readBytes(StateStore.STATE_FILE);
    if (bytes == null || !cp.equals(store.stat(StateStore.STATE_FILE))) {
      throw new Unsettled(unreadable(StateStore.STATE_FILE + " was replaced while it was read"));
    }
    SimState s = decode(bytes);
    long checkpointRevision = s.revision;
    Committed.Place place = new Committed.Place(cp, checkpointRevision, null, null, 0, null);
    Committed.FileId j = store.stat(Journal.FILE);
    if (j != null) {
      byte[] journal = store.readBytes(Journal.FILE);
      Committed.FileId after = store.stat(Journal.FILE);
      if (journal == null || after == null || !Objects.equals(j.key(), after.key())) {
        throw new Unsettled(unreadable(Journal.FILE + " was replaced while it was read"));
      }
      Journal.Scan scan;
      try {
        scan = Journal.scan(journal, 0, null);
      } catch (Journal.Damaged d) {
        throw new Unsettled(damaged(d.offset, d.getMessage(), checkpointRevision));
      }
      if (scan != null) {
        if (scan.base() > checkpointRevision) {
          throw new Unsettled(
              damaged(
                  0,
                  "the journal follows revision "
                      + scan.base()
                      + " but "
                      + StateStore.STATE_FILE
                      + " is of revision "
                      + checkpointRevision,
                  checkpointRevision));
        }
        replay(s, scan.entries(), checkpointRevision);
        place = place.withJournal(j, scan.header(), scan.validEnd(), scan.last());
      }
      // else a journal never begun (cut inside its header): the next write starts one
    }
    s.committed = new Committed(Committed.Image.of(s), place);
    return s;
  }

  /**
   * Applies the records that follow {@code s}'s revision, each from the revision the one before
   * made.
   */
  private void replay(SimState s, List<Journal.Entry> entries, long checkpointRevision)
      throws Unsettled {
    StateCodec.Replay replay = null;
    String path = store.file(Journal.FILE).toString();
    for (Journal.Entry e : entries) {
      if (e.to() <= s.revision && replay == null) {
        continue; // folded into the checkpoint already (a compaction stopped before the journal
        // restarted)
      }
      if (e.from() != s.revision) {
        throw new Unsettled(
            damaged(
                e.offset(),
                e.from() > s.revision
                    ? "the records between revision "
                        + s.revision
                        + " and "
                        + e.from()
                        + " are missing"
                    : "a record from revision " + e.from() + " follows revision " + s.revision,
                checkpointRevision));
      }
      if (replay == null) {
        replay = new StateCodec.Replay(s, spec);
      }
      try {
        replay.apply(
            path + " (record at byte " + e.offset() + ")",
            new String(e.payload(), StandardCharsets.UTF_8),
            e.to());
      } catch (XmException bad) {
        throw new XmException(
            XmException.Kind.UNAVAILABLE,
            "Unable to read host state: "
                + bad.getMessage()
                + " (nothing was changed; "
                + fixJournal(checkpointRevision)
                + ")");
      }
    }
    if (replay != null) {
      replay.finish(path);
    }
  }

  /**
   * {@code s} (a state read before, with what the files held then) brought up to date with the
   * files: itself when they did not change, with the records appended since replayed onto it when
   * only the journal grew, or null when it must be read afresh (the checkpoint or the journal was
   * replaced, or anything looks odd). Costs two stats and reading the journal from its last known
   * record on.
   */
  SimState refresh(SimState s) {
    Committed c = s.committed;
    if (c == null) {
      return null;
    }
    try {
      Committed.Place p = c.place();
      if (!p.checkpoint().equals(store.stat(StateStore.STATE_FILE))) {
        return null;
      }
      Committed.FileId j = store.stat(Journal.FILE);
      if (!p.hasJournal()) {
        return j == null ? s : null;
      }
      if (p.journal().equals(j)) {
        return s;
      }
      if (j == null || !p.journal().key().equals(j.key()) || j.size() <= p.journalEnd()) {
        return null; // replaced, or changed other than by appending
      }
      byte[] tail = store.readFrom(Journal.FILE, p.last().offset());
      if (tail == null || !Journal.sameFrame(tail, p.last())) {
        return null;
      }
      byte[] more = java.util.Arrays.copyOfRange(tail, p.last().size(), tail.length);
      Journal.Scan scan = Journal.scan(more, p.journalEnd(), p.header());
      if (scan.entries().isEmpty()) {
        return null; // only a torn tail after what was known: read afresh, to know the file as it
        // is
      }
      replay(s, scan.entries(), p.checkpointRevision());
      s.facts = null; // they describe the state before those records: the next transaction takes a
      // snapshot
      s.committed =
          new Committed(
              Committed.Image.of(s), p.withJournal(j, p.header(), scan.validEnd(), scan.last()));
      return s;
    } catch (Unsettled | Journal.Damaged | RuntimeException odd) {
      return null; // read afresh, which reports what is wrong
    }
  }

  /**
   * A durable write of what changed, prepared while the state does not change (see {@link
   * #prepare}).
   */
  record Write(byte[] frame, long from, long to, Committed.Image image, Pieces checkpoint) {}

  /**
   * What writing {@code s} will do: the journal record of what changed since {@code s.committed}
   * (only the changed domains are printed), and the whole state as a new checkpoint when the
   * journal would outgrow its bound. No I/O.
   */
  Write prepare(SimState s) {
    Committed c = s.committed;
    byte[] payload = StateCodec.commitText(c.image(), s);
    byte[] frame = Journal.frame(c.image().revision(), s.revision, payload);
    Committed.Place p = c.place();
    long end =
        (p.hasJournal() ? p.journalEnd() : Journal.header(p.checkpointRevision()).length)
            + frame.length;
    boolean compact = end > Math.max(minJournalBytes, p.checkpoint().size());
    return new Write(
        frame,
        c.image().revision(),
        s.revision,
        Committed.Image.of(s),
        compact ? StateCodec.encode(s) : null);
  }

  /** Appends {@code w}'s record durably (starting the journal first when there is none). */
  void write(SimState s, Write w) {
    Committed.Place p = s.committed.place();
    if (!p.hasJournal()) {
      p = startJournal(p, p.checkpointRevision());
    }
    if (crashAt("append", APPENDS)) {
      store.appendAt(
          Journal.FILE, p.journalEnd(), java.util.Arrays.copyOf(w.frame(), w.frame().length / 2));
      Runtime.getRuntime().halt(137);
    }
    store.appendAt(Journal.FILE, p.journalEnd(), w.frame());
    Journal.Entry last = Journal.entryOf(w.frame(), p.journalEnd());
    s.committed =
        new Committed(
            w.image(), p.withJournal(store.stat(Journal.FILE), p.header(), last.end(), last));
  }

  /**
   * Folds the journal into a new checkpoint when {@code w} said so: writes the state as it was
   * written by {@code w} whole (atomically), then starts an empty journal after it. The commit is
   * already durable in the journal, so a failure here changes nothing: the next write tries again.
   */
  void compact(SimState s, Write w) {
    if (w.checkpoint() == null) {
      return;
    }
    try {
      fold(s, w.checkpoint(), w.to());
    } catch (XmException e) {
      // e.g. the disk is full: the journal still holds every commit, and grows until this succeeds
    }
  }

  /** Writes {@code s} (as committed: no change since its last write) as the new checkpoint now. */
  void checkpoint(SimState s) {
    fold(s, StateCodec.encode(s), s.revision);
  }

  private void fold(SimState s, Pieces checkpoint, long revision) {
    store.writeAtomically(StateStore.STATE_FILE, checkpoint);
    Committed.Place p = s.committed.place();
    Committed.FileId cp = store.stat(StateStore.STATE_FILE);
    p = new Committed.Place(cp, revision, p.journal(), p.header(), p.journalEnd(), p.last());
    s.committed = new Committed(s.committed.image(), p);
    // a crash here leaves the new checkpoint and the old journal: readers skip the records it holds
    if (crashAt("compaction", COMPACTIONS)) {
      Runtime.getRuntime().halt(137);
    }
    s.committed = new Committed(s.committed.image(), startJournal(p, revision));
  }

  private Committed.Place startJournal(Committed.Place p, long base) {
    byte[] header = Journal.header(base);
    StateStore.writeAtomically(store.file(Journal.FILE), header);
    Committed.FileId j = store.stat(Journal.FILE);
    if (j == null) {
      throw XmException.error(
          "cannot write " + store.file(Journal.FILE) + ": it vanished once written");
    }
    Journal.Entry h = Journal.entryOf(header, 0);
    return p.withJournal(j, h, h.end(), h);
  }

  private SimState decode(byte[] bytes) {
    try {
      return StateCodec.read(
          store.file(StateStore.STATE_FILE).toString(),
          new String(bytes, StandardCharsets.UTF_8),
          spec);
    } catch (XmException e) {
      throw new XmException(
          XmException.Kind.UNAVAILABLE,
          "Unable to read host state: "
              + e.getMessage()
              + " (nothing was changed; fix the file, or move it away to start the host afresh)");
    }
  }

  private XmException damaged(long offset, String reason, long checkpointRevision) {
    return new XmException(
        XmException.Kind.UNAVAILABLE,
        "Unable to read host state: "
            + store.file(Journal.FILE)
            + ": byte "
            + offset
            + ": "
            + reason
            + " (nothing was changed; "
            + fixJournal(checkpointRevision)
            + ")");
  }

  private String fixJournal(long checkpointRevision) {
    return "move "
        + Journal.FILE
        + " away to go back to revision "
        + checkpointRevision
        + " of "
        + StateStore.STATE_FILE
        + ", losing the changes made since";
  }

  private XmException unreadable(String reason) {
    return StateStore.unavailable("cannot read the state of host '" + host + "': " + reason);
  }

  private static boolean crashAt(String what, java.util.concurrent.atomic.AtomicInteger count) {
    return CRASH != null
        && CRASH.startsWith(what + ":")
        && count.incrementAndGet() == Integer.parseInt(CRASH.substring(what.length() + 1));
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(Math.min(50, 1 + attempt * 2L));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw XmException.error("interrupted");
    }
  }
}
