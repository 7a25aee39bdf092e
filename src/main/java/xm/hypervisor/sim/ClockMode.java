package xm.hypervisor.sim;

/** How a simulated host tells time. */
public enum ClockMode {
  /** Real wall-clock time: shutdowns complete after their delay, CPU time grows by itself. */
  WALL,
  /** Time moves only when told to ({@code xm host advance}) or when a command waits. */
  MANUAL
}
