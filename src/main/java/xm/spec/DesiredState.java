package xm.spec;

/** What a spec wants a domain to be doing. */
public enum DesiredState {
  RUNNING, PAUSED, STOPPED;

  public String text() {
    return name().toLowerCase();
  }
}
