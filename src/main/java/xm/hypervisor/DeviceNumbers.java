package xm.hypervisor;

/**
 * Linux/Xen block device numbers for frontend names, as Xen's {@code blkdev_name_to_number}
 * computed them: {@code hda1} = (3 << 8) + 1, {@code sda2} = (8 << 8) + 2, {@code xvda1} = (202 <<
 * 8) + (0 << 4) + 1 = 51713, {@code 0x1400} = 5120, {@code 768} = 768. A {@code /dev/} prefix and a
 * {@code :cdrom} or {@code :disk} suffix are ignored.
 */
public final class DeviceNumbers {
  private static final int[] SCSI_MAJORS = {
    8, 65, 66, 67, 68, 69, 70, 71, 128, 129, 130, 131, 132, 133, 134, 135
  };
  private static final int[] IDE_MAJORS = {3, 22, 33, 34, 56, 57, 88, 89, 90, 91};

  private DeviceNumbers() {}

  /** The frontend name without {@code /dev/}, {@code ioemu:} and {@code :cdrom}/{@code :disk}. */
  public static String baseName(String dev) {
    String d = dev.trim();
    if (d.startsWith("ioemu:")) {
      d = d.substring(6);
    }
    int colon = d.indexOf(':');
    if (colon >= 0) {
      d = d.substring(0, colon);
    }
    return d.startsWith("/dev/") ? d.substring(5) : d;
  }

  /** Whether the frontend is declared as a CD-ROM ({@code hdc:cdrom}). */
  public static boolean isCdrom(String dev) {
    return dev.trim().endsWith(":cdrom");
  }

  /** The device number, or -1 when the name is not one Xen understood. */
  public static int of(String dev) {
    String n = baseName(dev);
    if (n.isEmpty()) {
      return -1;
    }
    if (n.startsWith("0x") || n.startsWith("0X")) {
      return parse(n.substring(2), 16);
    }
    if (n.chars().allMatch(Character::isDigit)) {
      return parse(n, 10);
    }
    if (n.startsWith("sd")) {
      return scsi(n.substring(2));
    }
    if (n.startsWith("hd") && n.length() >= 3) {
      char c = n.charAt(2);
      int part = partition(n.substring(3), 63);
      if (c < 'a' || c > 't' || part < 0) {
        return -1;
      }
      int major = IDE_MAJORS[(c - 'a') / 2];
      return major * 256 + ((c - 'a') % 2) * 64 + part;
    }
    if (n.startsWith("xvd") && n.length() >= 4) {
      char c = n.charAt(3);
      int part = partition(n.substring(4), 15);
      if (c >= 'a' && c <= 'p' && part >= 0) {
        return (202 << 8) + ((c - 'a') << 4) + part;
      }
      if (c >= 'q' && c <= 'z' && part >= 0) {
        return (1 << 28) + ((c - 'a') << 8) + part;
      }
      if (n.length() >= 5 && c >= 'a' && c <= 'i' && Character.isLowerCase(n.charAt(4))) {
        int p2 = partition(n.substring(5), 15);
        if (p2 >= 0) {
          return (1 << 28) + ((((c - 'a') + 1) * 26 + (n.charAt(4) - 'a')) << 8) + p2;
        }
      }
    }
    return -1;
  }

  private static int scsi(String rest) {
    if (rest.isEmpty() || rest.charAt(0) < 'a' || rest.charAt(0) > 'z') {
      return -1;
    }
    int disk;
    String tail;
    if (rest.length() >= 2 && Character.isLowerCase(rest.charAt(1)) && rest.charAt(0) <= 'i') {
      disk = (rest.charAt(0) - 'a' + 1) * 26 + (rest.charAt(1) - 'a');
      tail = rest.substring(2);
    } else {
      disk = rest.charAt(0) - 'a';
      tail = rest.substring(1);
    }
    int part = partition(tail, 15);
    if (part < 0 || disk / 16 >= SCSI_MAJORS.length) {
      return -1;
    }
    return SCSI_MAJORS[disk / 16] * 256 + (disk % 16) * 16 + part;
  }

  /** "" is 0; otherwise a number 1..max without leading zero; -1 if not. */
  private static int partition(String s, int max) {
    if (s.isEmpty()) {
      return 0;
    }
    if (s.charAt(0) == '0' || !s.chars().allMatch(Character::isDigit) || s.length() > 2) {
      return -1;
    }
    int p = Integer.parseInt(s);
    return p >= 1 && p <= max ? p : -1;
  }

  private static int parse(String s, int radix) {
    try {
      long v = Long.parseLong(s, radix);
      return v < 0 || v > Integer.MAX_VALUE ? -1 : (int) v;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
