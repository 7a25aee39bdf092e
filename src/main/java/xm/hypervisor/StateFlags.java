package xm.hypervisor;

/**
 * The six state flags of {@code xm list}, in order r b p s c d: running, blocked, paused, shutdown,
 * crashed, dying.
 */
public record StateFlags(
    boolean running,
    boolean blocked,
    boolean paused,
    boolean shutdown,
    boolean crashed,
    boolean dying) {

  /** The six-character form, e.g. {@code -b----}. */
  @Override
  public String toString() {
    return new String(
        new char[] {
          running ? 'r' : '-', blocked ? 'b' : '-', paused ? 'p' : '-',
          shutdown ? 's' : '-', crashed ? 'c' : '-', dying ? 'd' : '-'
        });
  }
}
