package xm.hypervisor.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One locked transaction on a simulated host: the state read at its start, the time it runs at,
 * and the log and console lines it produces. Committed as a whole by {@link SimHost}.
 */
final class Tx {
  /** Loaded on the first log line only: commands that merely read never pay for java.time formatting. */
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

  Tx(HostSpec spec, SimState state, long now, String origin) {
    this.spec = spec;
    this.state = state;
    this.now = now;
    this.origin = origin;
  }

  /** Records an xend.log line stamped with the transaction's time and the command behind it. */
  void log(String level, String message) {
    log.append('[').append(Stamp.FORMAT.format(Instant.ofEpochMilli(now))).append("] ")
        .append(level).append(' ');
    if (origin != null && !origin.isEmpty()) {
      log.append('(').append(origin).append(") ");
    }
    log.append(message).append('\n');
    dirty = true;
  }

  void console(SimDomain d, String line) {
    consoles.computeIfAbsent(d.uuid, k -> new StringBuilder()).append(line).append('\n');
  }

  long freeMiB() {
    return spec.totalMemoryMiB() - state.allocatedMiB();
  }
}
