package xm.hypervisor.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.libvirt.Connect;
import org.libvirt.jna.ConnectionPointer;
import xm.diag.XmException;

/**
 * The domain a save image holds, read by libvirt on its host ({@code virDomainSaveImageGetXMLDesc},
 * which the Java binding does not wrap), so that xm's access control decides on it before the
 * domain runs again.
 */
final class SaveImages {
  /** The calls xm makes into libvirt0 directly, through JNA as the binding itself does. */
  interface Native0 extends Library {
    Pointer virDomainSaveImageGetXMLDesc(ConnectionPointer conn, String file, int flags);

    String virGetLastErrorMessage();
  }

  private static volatile Native0 lib;

  private SaveImages() {}

  /** The domain XML of the save image {@code file} (a path on the libvirt host). */
  static String xml(Connect conn, String uri, String file) {
    if (!(conn instanceof XmConnect x)) {
      throw new IllegalStateException("a connection xm did not open");
    }
    LibvirtErrors.quiet();
    Native0 n = native0();
    Pointer p = n.virDomainSaveImageGetXMLDesc(x.pointer(), file, 0);
    if (p == null) {
      String m = n.virGetLastErrorMessage();
      throw XmException.error(
          "libvirt ("
              + uri
              + "): "
              + xm.diag.SafeText.oneLine(m == null ? "cannot read " + file : m));
    }
    try {
      return p.getString(0, "UTF-8");
    } finally {
      Native.free(Pointer.nativeValue(p));
    }
  }

  private static Native0 native0() {
    if (lib == null) {
      synchronized (SaveImages.class) {
        if (lib == null) {
          try {
            lib = Native.load("virt", Native0.class);
          } catch (LinkageError e) {
            throw LibvirtErrors.missingLibrary();
          }
        }
      }
    }
    return lib;
  }
}
