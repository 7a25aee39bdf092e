package xm.cli.declare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a host's log says about who changed what, so that a drift report can name the imperative
 * command that caused a difference. The log is read once per report; when {@code xm apply}
 * changed a field last, the drift comes from the spec and no command is blamed.
 */
final class Causes {
  private record Entry(String stamp, String origin, String message) {}

  private static final Causes NONE = new Causes(List.of());

  private final List<Entry> entries;

  private Causes(List<Entry> entries) {
    this.entries = entries;
  }

  /** Parses log lines of the form {@code [stamp] LEVEL (origin) message}; others are skipped. */
  static Causes of(String log) {
    if (log == null) {
      return NONE;
    }
    List<Entry> out = new ArrayList<>();
    for (String line : log.split("\n")) {
      int open = line.indexOf("] ");
      int paren = line.indexOf(" (", open);
      int close = line.indexOf(") ", paren + 2);
      if (line.startsWith("[") && open >= 0 && paren >= 0 && close >= 0) {
        out.add(new Entry(line.substring(1, open), line.substring(paren + 2, close), line.substring(close + 2)));
      }
    }
    return new Causes(out);
  }

  /** One {@link Causes} per host, from each host's log text. */
  static Map<String, Causes> ofLogs(Map<String, String> logs) {
    Map<String, Causes> out = new TreeMap<>();
    logs.forEach((host, log) -> out.put(host, of(log)));
    return out;
  }

  static Causes on(Map<String, Causes> causes, String host) {
    return causes.getOrDefault(host, NONE);
  }

  /** "xm mem-set web1 384 (2009-01-09 00:00:00)", or null when the log does not say. */
  String find(String domain, String field) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry e = entries.get(i);
      if (!matches(e.message(), domain, field)) {
        continue;
      }
      return e.origin().startsWith("xm apply") ? null : e.origin() + " (" + e.stamp() + ")";
    }
    return null;
  }

  private static boolean matches(String m, String domain, String field) {
    String base = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
    return switch (base) {
      case "memory" -> m.startsWith("Setting memory target of domain " + domain + " ");
      case "maxmem" -> m.startsWith("Setting memory maximum of domain " + domain + " ");
      case "vcpus" -> m.startsWith("Set VCPU count on domain " + domain + " ");
      case "state" -> m.startsWith("Domain " + domain + " (") && (m.endsWith(" paused.") || m.endsWith(" unpaused.")
          || m.contains("asked to"));
      case "disks" -> m.contains("block device") && m.contains("domain " + domain + " (");
      case "vifs" -> m.contains("network interface") && m.contains("domain " + domain + " (");
      case "domain" -> m.startsWith("Domain " + domain + " (") && (m.contains("destroyed") || m.contains("saved to")
          || m.contains("migrated to") || m.contains("shut down"));
      default -> false;
    };
  }
}
