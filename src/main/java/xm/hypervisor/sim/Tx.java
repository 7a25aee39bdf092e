package xm.hypervisor.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xm.diag.SafeText;
import xm.hypervisor.ChangeEvent;

/**
 * One locked transaction on a simulated host: the state read at its start, the time it runs at, and
 * the log and console lines it produces. Committed as a whole by {@link SimHost}.
 */
final class Tx {
  /**
   * Loaded on the first log line only: commands that merely read never pay for java.time
   * formatting.
   */
  private static final class Stamp {
    static final DateTimeFormatter FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  }

  final HostSpec spec;
  final SimState state;
  final long now;
  final String origin;
  boolean dirty;
  final StringBuilder log = new StringBuilder();
  final Map<String, StringBuilder> consoles = new LinkedHashMap<>();

  /** Change events found so far, to be stamped with the committing revision. */
  final List<ChangeEvent> events = new ArrayList<>();

  private final Map<String, DomainFacts> facts;

  /** The facts of a reading transaction, which takes none (see {@link #reading}). */
  private static final Map<String, DomainFacts> NOT_TAKEN =
      java.util.Collections.unmodifiableMap(new java.util.HashMap<>());

  /**
   * A transaction on {@code state}: it starts from the facts the last committed transaction left
   * with the state (taking them over), or from a snapshot of every domain.
   */
  Tx(HostSpec spec, SimState state, long now, String origin) {
    this(spec, state, now, origin, state.facts != null ? state.facts : snapshot(state));
    state.facts = null;
  }

  /** The facts of every domain of {@code state}; what changed before does not count any more. */
  private static Map<String, DomainFacts> snapshot(SimState state) {
    state.clearTouched();
    return DomainFacts.snapshot(state);
  }

  private Tx(
      HostSpec spec, SimState state, long now, String origin, Map<String, DomainFacts> facts) {
    this.spec = spec;
    this.state = state;
    this.now = now;
    this.origin = origin;
    this.facts = facts;
  }

  /**
   * A transaction that only reads a state in which nothing is due: it changes nothing, so it takes
   * no snapshot of the domains to compare with (a checkpoint would be an error).
   */
  static Tx reading(HostSpec spec, SimState state, long now, String origin) {
    return new Tx(spec, state, now, origin, NOT_TAKEN);
  }

  /**
   * Leaves the facts as of the last checkpoint with the state, for the next transaction (see
   * SimState#facts).
   */
  void keepFacts() {
    state.facts = facts;
  }

  /**
   * Records what changed since the last checkpoint as events made by {@code by} (null: the host
   * itself), and starts comparing from here.
   */
  void checkpoint(String by) {
    checkpointAt(by, now);
  }

  /**
   * As {@link #checkpoint}, the events stamped {@code timeMs} (a transition that fell due then).
   */
  void checkpointAt(String by, long timeMs) {
    if (facts == NOT_TAKEN) {
      throw new IllegalStateException(
          "a reading transaction changed the state of host " + spec.name());
    }
    boolean verify = checkAgainstFullComparison;
    assert verify = true; // with assertions on (as in the tests), every checkpoint is checked
    Map<String, DomainFacts> before = verify ? new java.util.HashMap<>(facts) : null;
    List<ChangeEvent> found = DomainFacts.update(facts, state, 0, timeMs, by);
    if (verify) {
      agreesWithFullComparison(before, found, timeMs, by);
    }
    events.addAll(found);
  }

  /**
   * Set by tests: every checkpoint is checked as with assertions on (see {@link
   * #agreesWithFullComparison}).
   */
  static volatile boolean checkAgainstFullComparison;

  /**
   * Whether {@code found}, the events {@link DomainFacts#update} found from the domains that
   * changed, are those a comparison of every domain finds, the facts now equal a fresh snapshot,
   * and the state's indexes equal indexing every domain afresh; an AssertionError saying which when
   * not. Checked at every checkpoint when assertions are on (as in the tests).
   */
  private boolean agreesWithFullComparison(
      Map<String, DomainFacts> before, List<ChangeEvent> found, long timeMs, String by) {
    List<ChangeEvent> expected = DomainFacts.updateFully(before, state, 0, timeMs, by);
    if (!expected.equals(found)) {
      throw new AssertionError(
          "change events found from the changed domains "
              + found
              + " differ from those of a full comparison "
              + expected);
    }
    if (!before.equals(facts) || !facts.equals(DomainFacts.snapshot(state))) {
      throw new AssertionError("the facts kept differ from a snapshot of every domain");
    }
    if (!state.indexesMatchDomains()) {
      throw new AssertionError("the state's indexes differ from indexing every domain afresh");
    }
    return true;
  }

  /** The events of this transaction stamped with {@code revision}; clears them. */
  List<ChangeEvent> takeEvents(long revision) {
    List<ChangeEvent> out = new ArrayList<>(events.size());
    for (ChangeEvent e : events) {
      out.add(
          new ChangeEvent(
              revision,
              e.timeMs(),
              e.domain(),
              e.uuid(),
              e.field(),
              e.before(),
              e.after(),
              e.origin()));
    }
    events.clear();
    return out;
  }

  /**
   * Records an xend.log line stamped with the transaction's time and the command behind it. The
   * command and the message (names, paths, config values: text users chose) are escaped ({@link
   * SafeText#oneLine}): a newline in an argument cannot start a second, forged record, nor an
   * escape sequence reach the terminal of whoever reads the log.
   */
  void log(String level, String message) {
    logAt(now, origin, level, message);
  }

  /**
   * As {@link #log}, stamped {@code timeMs} and made by {@code by} (null: the host itself), for a
   * transition that fell due then and is written by a later transaction.
   */
  void logAt(long timeMs, String by, String level, String message) {
    log.append('[')
        .append(Stamp.FORMAT.format(Instant.ofEpochMilli(timeMs)))
        .append("] ")
        .append(level)
        .append(' ');
    if (by != null && !by.isEmpty()) {
      log.append('(').append(SafeText.oneLine(by)).append(") ");
    }
    log.append(SafeText.oneLine(message)).append('\n');
    dirty = true;
  }

  /**
   * Records a console line, escaped as log lines are (a kernel command line is the user's text).
   */
  void console(SimDomain d, String line) {
    consoles
        .computeIfAbsent(d.uuid, k -> new StringBuilder())
        .append(SafeText.oneLine(line))
        .append('\n');
  }

  long freeMiB() {
    return spec.totalMemoryMiB() - state.allocatedMiB();
  }
}
