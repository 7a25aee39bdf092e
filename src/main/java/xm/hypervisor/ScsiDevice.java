package xm.hypervisor;

/**
 * A SCSI LUN passed through to a guest (vscsi): the host's {@code h:c:t:l} and device node, the
 * {@code h:c:t:l} the guest sees, and the backend domain.
 */
public record ScsiDevice(String physHctl, String physDev, String virtHctl, int backend) {
  /** Whether {@code s} is an {@code h:c:t:l} address. */
  public static boolean isHctl(String s) {
    return s != null && s.matches("[0-9]{1,4}:[0-9]{1,4}:[0-9]{1,4}:[0-9]{1,4}");
  }
}
