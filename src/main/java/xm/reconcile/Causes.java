package xm.reconcile;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xm.hypervisor.ChangeEvent;
import xm.hypervisor.DomainInfo;
import xm.plan.Observed;

/**
 * Who last changed each field of each domain, from the hosts' structured change events, so that a
 * drift report can name the imperative command behind a difference. When the reconciler itself
 * changed a field last, the drift comes from the spec and no command is blamed.
 */
public final class Causes {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  public static final Causes NONE = new Causes(Map.of(), Map.of(), java.util.Set.of());

  /** The cause of drift on a host that keeps no record of who changed what. */
  public static final String OUTSIDE = "something outside xm (the host keeps no record of who)";

  /** host -> "uuid/field" -> the last event. */
  private final Map<String, Map<String, ChangeEvent>> last;

  /** host -> domain name -> the uuid the host runs under that name now. */
  private final Map<String, Map<String, String>> uuids;

  /**
   * Hosts that keep no record of changes: their drift was made outside xm, by whom no one can say.
   */
  private final java.util.Set<String> unrecorded;

  private Causes(
      Map<String, Map<String, ChangeEvent>> last,
      Map<String, Map<String, String>> uuids,
      java.util.Set<String> unrecorded) {
    this.last = last;
    this.uuids = uuids;
    this.unrecorded = java.util.Set.copyOf(unrecorded);
  }

  /**
   * From each host's events (oldest first) and the domains each host runs now: a cause is only ever
   * a change to the very domain that runs (by uuid), never to an earlier one of that name.
   */
  public static Causes of(Map<String, List<ChangeEvent>> eventsByHost, List<Observed> observed) {
    return of(eventsByHost, observed, java.util.Set.of());
  }

  /** {@link #of(Map, List)}, with the hosts that keep no record of changes. */
  public static Causes of(
      Map<String, List<ChangeEvent>> eventsByHost,
      List<Observed> observed,
      java.util.Set<String> unrecorded) {
    Map<String, Map<String, ChangeEvent>> last = new HashMap<>();
    eventsByHost.forEach(
        (host, events) -> {
          Map<String, ChangeEvent> m = new HashMap<>();
          for (ChangeEvent e : events) {
            m.put(e.uuid() + "/" + e.field(), e);
          }
          last.put(host, m);
        });
    Map<String, Map<String, String>> uuids = new HashMap<>();
    for (Observed o : observed) {
      Map<String, String> m = new HashMap<>();
      for (DomainInfo d : o.domains()) {
        m.put(d.name(), d.uuid());
      }
      uuids.put(o.host(), m);
    }
    return new Causes(last, uuids, unrecorded);
  }

  /** Whether {@code origin} is the reconciler's own (apply or the controller). */
  public static boolean isReconciler(String origin) {
    return origin != null && (origin.startsWith("xm apply") || origin.startsWith("xm controller"));
  }

  /**
   * "xm mem-set web1 384 (2026-11-26 13:02:25)" for the last change of {@code field} (a plan field
   * such as {@code memory} or {@code disks[xvda1]}), or null when the reconciler made it or nothing
   * is known.
   */
  public String find(String host, String domain, String field) {
    String base = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
    if (base.equals("managed")) {
      return null;
    }
    if (unrecorded.contains(host)) {
      return OUTSIDE; // apply would have made it agree: whatever differs was changed by something
      // else
    }
    Map<String, ChangeEvent> m = last.get(host);
    String uuid = uuids.getOrDefault(host, Map.of()).get(domain);
    if (m == null || uuid == null) {
      return null;
    }
    ChangeEvent e = m.get(uuid + "/" + base);
    if (e == null && base.equals("state")) {
      e = m.get(uuid + "/domain");
    }
    if (e == null || isReconciler(e.origin())) {
      return null;
    }
    return e.who() + " (" + TIME.format(Instant.ofEpochMilli(e.timeMs())) + ")";
  }
}
