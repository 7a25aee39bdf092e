package xm.hypervisor.libvirt;

import xm.hypervisor.DeviceNumbers;

/**
 * Disk target names between xm (Xen's names) and a libvirt host. A Xen host takes Xen's names as
 * they are. Any other driver (QEMU/KVM, the test driver) gives a guest whole disks: a Xen PV
 * frontend {@code xvdX} is the virtio disk {@code vdX}, and a partition target ({@code xvda1},
 * {@code hda2}, {@code sdb3}), which QEMU refuses ("partitions can't appear in disk targets"), is
 * its whole disk. Back from libvirt, {@code vdX} is {@code xvdX}; the name a spec gave is kept in
 * xm's metadata, so {@code xvda1} reads back as itself.
 */
final class DiskTargets {
  private DiskTargets() {}

  /**
   * The target {@code xmDev} ({@code xvda1}, {@code hdc:cdrom}) has on a host of driver {@code
   * type}.
   */
  static String toLibvirt(String xmDev, String type) {
    String n = DeviceNumbers.baseName(xmDev);
    if (type.equals("xen")) {
      return n;
    }
    if (n.startsWith("xvd")) {
      return "vd" + n.substring(3).replaceFirst("[0-9]+$", "");
    }
    if (n.matches("(hd|sd|vd)[a-z]+[0-9]+")) {
      return n.replaceFirst("[0-9]+$", "");
    }
    return n;
  }

  /**
   * The name xm shows for a libvirt target no spec named ({@code vdb} attached with virsh is {@code
   * xvdb}).
   */
  static String toXm(String libvirtDev) {
    return libvirtDev.matches("vd[a-z]+") ? "x" + libvirtDev : libvirtDev;
  }

  /** libvirt's bus for a target it names. */
  static String bus(String libvirtDev) {
    return libvirtDev.startsWith("xvd")
        ? "xen"
        : libvirtDev.startsWith("sd") ? "scsi" : libvirtDev.startsWith("vd") ? "virtio" : "ide";
  }
}
