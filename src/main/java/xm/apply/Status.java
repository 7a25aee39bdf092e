package xm.apply;

/** How one change ended. */
public enum Status {
  SUCCEEDED,
  FAILED,
  SKIPPED
}
