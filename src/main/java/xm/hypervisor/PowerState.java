package xm.hypervisor;

/**
 * xend's domain power states, with the numbers {@code xm list --long} prints as {@code (status N)}.
 */
public enum PowerState {
  HALTED(0),
  PAUSED(1),
  RUNNING(2),
  SUSPENDED(3),
  SHUTDOWN(4),
  CRASHED(5),
  UNKNOWN(6);

  private final int code;

  PowerState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
