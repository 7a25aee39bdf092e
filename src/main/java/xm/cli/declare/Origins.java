package xm.cli.declare;

/**
 * Finds, in a host's log, the imperative command that last changed a field of a domain, so that
 * a drift report can say who caused the drift. When {@code xm apply} changed the field last, the
 * drift comes from the spec and no command is blamed.
 */
final class Origins {
  private Origins() {}

  /** "xm mem-set web1 384 (2009-01-09 00:00:00)", or null when the log does not say. */
  static String find(String log, String domain, String field) {
    if (log == null) {
      return null;
    }
    String[] lines = log.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i];
      int open = line.indexOf("] ");
      int paren = line.indexOf(" (", open);
      int close = line.indexOf(") ", paren + 2);
      if (open < 0 || paren < 0 || close < 0 || !line.startsWith("[")) {
        continue;
      }
      String origin = line.substring(paren + 2, close);
      String message = line.substring(close + 2);
      if (!matches(message, domain, field)) {
        continue;
      }
      if (origin.startsWith("xm apply")) {
        return null;
      }
      return origin + " (" + line.substring(1, open) + ")";
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
