package xm.hypervisor.libvirt;

/** Whether libvirt's client library (libvirt0) can be loaded in this process. */
public final class LibvirtAvailable {
  private LibvirtAvailable() {}

  public static boolean check() {
    try {
      LibvirtErrors.quiet();
      return true;
    } catch (xm.diag.XmException | LinkageError e) {
      return false;
    }
  }
}
