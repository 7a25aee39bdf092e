package xm.hypervisor;

/**
 * A virtual block device as declared: {@code disk = ['phy:hda6,sda2,w']}.
 *
 * @param uname the backend: {@code phy:/dev/hda6}, {@code file:/path}, {@code tap:aio:/path}, or
 *     empty for an empty CD-ROM drive
 * @param dev the frontend as the guest sees it: {@code sda2}, {@code xvda1}, {@code hdc:cdrom}
 * @param mode {@code r}, {@code w} or {@code w!}
 * @param backendDomain the domain that serves the device (0 = Domain-0)
 */
public record DiskSpec(String uname, String dev, String mode, int backendDomain) {
  public DiskSpec {
    if (uname == null || dev == null || mode == null) {
      throw new IllegalArgumentException("disk uname, dev and mode are required");
    }
  }
}
