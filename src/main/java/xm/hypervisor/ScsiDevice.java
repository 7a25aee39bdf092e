package xm.hypervisor;

/**
 * A SCSI LUN passed through to a guest (vscsi): the host's {@code h:c:t:l} and device node, the
 * {@code h:c:t:l} the guest sees, and the backend domain.
 */
public record ScsiDevice(String physHctl, String physDev, String virtHctl, int backend) {
  /** One entry of a config's or spec's {@code vscsi} list: {@code PDEV, VDEV[, BACKEND]}. */
  public record Wanted(String phys, String virt, int backend) {}

  /**
   * The entry {@code item} of a {@code vscsi} list: the host's device ({@code /dev/sdb}, {@code
   * sdb} or {@code h:c:t:l}), the guest's {@code h:c:t:l}, and the backend domain (default 0); null
   * when it is not one (see {@link #specProblem}).
   */
  public static Wanted parseWanted(String item) {
    String[] p = item.split(",");
    if (p.length < 2 || p.length > 3) {
      return null;
    }
    String phys = p[0].trim();
    String virt = p[1].trim();
    int backend = 0;
    if (p.length == 3) {
      if (!p[2].trim().matches("[0-9]{1,5}")) {
        return null;
      }
      backend = Integer.parseInt(p[2].trim());
    }
    boolean physOk = isHctl(phys) || phys.matches("(/dev/)?[A-Za-z0-9_-]{1,64}");
    return physOk && isHctl(virt) ? new Wanted(phys, virt, backend) : null;
  }

  /** Why {@code item} is not a {@code vscsi} entry; null when it is. */
  public static String specProblem(String item) {
    return parseWanted(item) != null
        ? null
        : "vscsi: '"
            + item
            + "' is not a SCSI LUN to pass through ('PDEV, VDEV[, BACKEND]', e.g. '/dev/sdb, 0:0:0:0')";
  }

  /** Whether {@code s} is an {@code h:c:t:l} address. */
  public static boolean isHctl(String s) {
    return s != null && s.matches("[0-9]{1,4}:[0-9]{1,4}:[0-9]{1,4}:[0-9]{1,4}");
  }
}
