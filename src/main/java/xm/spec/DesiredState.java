package xm.spec;

/**
 * What a spec wants a domain to be doing: running, paused, stopped (not on the host at all) or
 * defined (kept by the host while it does not run, as {@code xm new} keeps it; {@code xm start} or
 * a spec that says running boots it).
 */
public enum DesiredState {
  RUNNING,
  PAUSED,
  STOPPED,
  DEFINED;

  public String text() {
    return name().toLowerCase();
  }
}
