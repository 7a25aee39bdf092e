package xm.controller;

import java.util.List;

/**
 * One host as the controller last saw it.
 *
 * @param host the host's name (or URI)
 * @param lastPass when its last pass ended (ISO-8601 UTC), null before the first
 * @param revision the spec revision that pass applied
 * @param result {@code converged} (nothing to do), {@code healed} (changes applied), {@code failed}
 *     (a change failed, or the host could not be reached), {@code refused} (the specs or the plan
 *     were refused: retried when the specs change), {@code pending} (restarts wait)
 * @param message the first error, or what was done, on one line
 * @param drift the changes the last pass found to make on this host
 * @param applied the changes it made
 * @param failures consecutive failed passes (the backoff's count)
 * @param nextPass when the next pass is due (ISO-8601 UTC)
 * @param held the fields held against the specs on this host ("web1 memory until ...")
 * @param instance the controller instance that ran the pass
 */
public record HostStatus(
    String host,
    String lastPass,
    String revision,
    String result,
    String message,
    int drift,
    int applied,
    int failures,
    String nextPass,
    List<String> held,
    String instance) {
  public HostStatus {
    held = held == null ? List.of() : List.copyOf(held);
  }

  static HostStatus waiting(String host, String instance) {
    return new HostStatus(
        host, null, null, "waiting", "no pass yet", 0, 0, 0, null, List.of(), instance);
  }
}
