package xm.hypervisor.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import xm.diag.XmException;
import xm.hypervisor.DeviceNumbers;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.VifRules;
import xm.hypervisor.VifSpec;

/**
 * The simulated host's rules for virtual devices, as Xen's block and network backends (and their
 * hotplug scripts) applied them: a backend must exist, a writable backend belongs to one domain, a
 * frontend is used once per domain, and every interface has a unique MAC.
 */
final class Devices {
  private Devices() {}

  /**
   * The backend's path on the host: /dev/... for phy:, the file for file: and tap:; null for an
   * empty CD-ROM.
   */
  static String backendPath(String uname) {
    if (uname.isEmpty()) {
      return null;
    }
    int colon = uname.indexOf(':');
    String type = colon < 0 ? "" : uname.substring(0, colon);
    String rest = colon < 0 ? uname : uname.substring(colon + 1);
    return switch (type) {
      case "phy" -> rest.startsWith("/") ? rest : "/dev/" + rest;
      case "tap" -> rest.indexOf(':') >= 0 ? rest.substring(rest.indexOf(':') + 1) : rest;
      default -> rest;
    };
  }

  /**
   * Checks that {@code disk} can be connected to {@code self} (null for a domain being built), next
   * to the disks it already has ({@code existing}). Returns its device number.
   */
  static int checkDisk(Tx t, SimDomain self, DiskSpec disk, List<DiskSpec> existing) {
    int devnum = DeviceNumbers.of(disk.dev());
    if (devnum < 0) {
      throw XmException.error("Unable to find number for device (" + disk.dev() + ")");
    }
    for (DiskSpec other : existing) {
      if (DeviceNumbers.of(other.dev()) == devnum) {
        throw XmException.error(
            "Device "
                + DeviceNumbers.baseName(disk.dev())
                + " ("
                + devnum
                + ", vbd) is already connected.");
      }
    }
    String mode = disk.mode();
    if (!mode.equals("r") && !mode.equals("w") && !mode.equals("w!")) {
      throw XmException.error("Invalid mode");
    }
    if (disk.uname().isEmpty()) {
      if (!DeviceNumbers.isCdrom(disk.dev())) {
        throw XmException.error("Block device must have physical details specified");
      }
      return devnum;
    }
    String type = disk.uname().substring(0, Math.max(0, disk.uname().indexOf(':')));
    if (!type.equals("phy") && !type.equals("file") && !type.equals("tap")) {
      throw XmException.error(
          "Block device must have \"phy\", \"file\" or \"tap\" specified to type");
    }
    String path = backendPath(disk.uname());
    boolean exists =
        type.equals("phy")
            ? t.spec.blockDevices().contains(path)
            : path.startsWith("/") && Files.exists(Path.of(path));
    if (!exists) {
      String where =
          type.equals("phy") ? " (this host's block devices are listed in its host.sxp)" : "";
      throw XmException.error(
          "Device "
              + devnum
              + " (vbd) could not be connected. "
              + path
              + " does not exist."
              + where);
    }
    if (type.equals("file") && Files.isDirectory(Path.of(path))) {
      throw XmException.error(
          "Device " + devnum + " (vbd) could not be connected. " + path + " is a directory.");
    }
    if (!mode.equals("w!") && conflicts(t, self, identity(disk.uname()), mode)) {
      String key = identity(disk.uname());
      // the message names the first domain of the list that conflicts, as it always has
      for (SimDomain d : t.state.domains) {
        if (d == self || !d.isLive()) {
          continue;
        }
        for (DiskSpec used : d.config.disks()) {
          if (used.uname().isEmpty() || !knownIdentity(used.uname()).equals(key)) {
            continue;
          }
          boolean conflict = mode.equals("w") || used.mode().equals("w");
          if (conflict) {
            String what = type.equals("phy") ? "Device " + path : "File " + path;
            throw XmException.error(
                "Device "
                    + devnum
                    + " (vbd) could not be connected. "
                    + what
                    + " is mounted "
                    + (mode.equals("w") ? "" : "read-write ")
                    + "in a guest domain, and so cannot be mounted "
                    + (mode.equals("w") ? "" : "read-only ")
                    + "now. (It is used by domain "
                    + d.config.name()
                    + " as "
                    + DeviceNumbers.baseName(used.dev())
                    + ", mode "
                    + used.mode()
                    + ".)");
          }
        }
      }
    }
    return devnum;
  }

  /**
   * Whether a live domain other than {@code self} uses the disk {@code key} so that it cannot also
   * be connected with {@code mode}: found through the state's index of disk users, not by looking
   * at every domain.
   */
  private static boolean conflicts(Tx t, SimDomain self, String key, String mode) {
    for (SimDomain d : t.state.diskUsers(key)) {
      if (d == self || !d.isLive()) {
        continue;
      }
      for (DiskSpec used : d.config.disks()) {
        if (!used.uname().isEmpty()
            && knownIdentity(used.uname()).equals(key)
            && (mode.equals("w") || used.mode().equals("w"))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The identities of the disks domains already use, as found lately: every create compares its
   * disks with those of every domain of the host, and resolving a path costs system calls, so that
   * comparison made one create cost more the more domains a host had. Only paths that existed (and
   * were resolved) are kept; bounded.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, String> KNOWN =
      new java.util.concurrent.ConcurrentHashMap<>();

  static String knownIdentity(String uname) {
    String known = KNOWN.get(uname);
    if (known != null) {
      return known;
    }
    String path = backendPath(uname);
    if (path == null || uname.startsWith("phy:")) {
      return identity(uname); // no system call
    }
    Path p = Path.of(path).toAbsolutePath().normalize();
    try {
      String real = p.toRealPath().toString();
      if (KNOWN.size() > 65536) {
        KNOWN.clear();
      }
      KNOWN.put(uname, real);
      return real;
    } catch (java.io.IOException e) {
      return p.toString(); // as identity() does
    }
  }

  /** Two unames name the same backend when their paths are the same file or device. */
  static String identity(String uname) {
    String path = backendPath(uname);
    if (path == null) {
      return "";
    }
    Path p = Path.of(path).toAbsolutePath().normalize();
    try {
      if (!uname.startsWith("phy:") && Files.exists(p)) {
        return p.toRealPath().toString();
      }
    } catch (java.io.IOException e) {
      // fall back to the normalized path
    }
    return p.toString();
  }

  /** Checks every disk of a domain being built (or restored, or received). */
  static void checkDisks(Tx t, List<DiskSpec> disks, SimDomain self) {
    List<DiskSpec> seen = new ArrayList<>();
    for (DiskSpec d : disks) {
      checkDisk(t, self, d, seen);
      seen.add(d);
    }
  }

  /**
   * Checks {@code vif} and returns it with a MAC: the one given (which must be unused on the host)
   * or a new random one {@code 00:16:3e:xx:xx:xx} (first random byte at most 0x7f).
   */
  static VifSpec withMac(Tx t, SimDomain owner, VifSpec vif, int handle, Set<String> alsoTaken) {
    String problem = VifRules.problem(vif);
    if (problem != null) {
      throw XmException.error(problem);
    }
    java.util.function.Predicate<String> taken =
        m -> alsoTaken.contains(m) || t.state.macUsedByOther(m, owner);
    String mac = vif.option("mac");
    if (mac != null) {
      String m = mac.toLowerCase();
      if (taken.test(m)) {
        throw XmException.error(
            "MAC address "
                + mac
                + " is already used on host '"
                + t.spec.name()
                + "'; give another one, or leave mac out to get a new one");
      }
      return vif.with("mac", m);
    }
    for (int attempt = 0; ; attempt++) {
      byte[] h =
          UUID.nameUUIDFromBytes(
                  (owner.uuid + "/vif" + handle + "/" + attempt)
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8))
              .toString()
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      int a = Math.floorMod(java.util.Arrays.hashCode(h), 0x80);
      int b = Math.floorMod(java.util.Arrays.hashCode(h) >>> 8, 0x100);
      int c = Math.floorMod(java.util.Arrays.hashCode(h) >>> 16, 0x100);
      String m = "00:16:3e:" + hex(a) + ":" + hex(b) + ":" + hex(c);
      if (!taken.test(m)) {
        return vif.with("mac", m);
      }
    }
  }

  /** Gives every vif of a domain being built a handle and a MAC. */
  static List<VifSpec> assignVifs(Tx t, SimDomain d, List<VifSpec> vifs, boolean keepHandles) {
    List<VifSpec> out = new ArrayList<>();
    Set<String> own = new HashSet<>();
    if (!keepHandles) {
      d.vifHandles = new ArrayList<>();
      d.nextVifHandle = 0;
    }
    for (int i = 0; i < vifs.size(); i++) {
      if (!keepHandles) {
        d.vifHandles.add(d.nextVifHandle++);
      }
      VifSpec v = withMac(t, d, vifs.get(i), d.vifHandles.get(i), own);
      own.add(v.option("mac"));
      out.add(v);
    }
    return out;
  }

  private static String hex(int v) {
    return (v < 16 ? "0" : "") + Integer.toHexString(v);
  }
}
