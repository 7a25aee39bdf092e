package xm.hypervisor.libvirt;

import org.libvirt.LibvirtException;
import xm.diag.XmException;

/**
 * libvirt's errors as xm's one-line errors. libvirt prints every error to stderr on its own unless
 * an error callback is set: {@link #quiet} sets one that drops them, since each one also comes back
 * as a {@link LibvirtException} that xm reports itself. A missing libvirt0 (the native library) is
 * one line that says which package to install.
 */
final class LibvirtErrors {
  /** A libvirt call that may fail. */
  interface Call<T> {
    T run() throws LibvirtException;
  }

  private static volatile boolean quieted;

  private LibvirtErrors() {}

  static <T> T call(String uri, Call<T> c) {
    quiet();
    try {
      return c.run();
    } catch (LibvirtException e) {
      String m =
          e.getError() != null && e.getError().getMessage() != null
              ? e.getError().getMessage()
              : e.getMessage();
      throw XmException.error(
          "libvirt (" + uri + "): " + xm.diag.SafeText.oneLine(m == null ? "failed" : m.strip()));
    }
  }

  /** Drops libvirt's own printing of errors (once per process). */
  static void quiet() {
    if (quieted) {
      return;
    }
    synchronized (LibvirtErrors.class) {
      if (quieted) {
        return;
      }
      try {
        org.libvirt.Connect.setErrorCallback((data, error) -> {});
      } catch (LibvirtException e) {
        // libvirt keeps printing its errors; each one still reaches the user once, from xm
      } catch (
          LinkageError e) { // no libvirt0: UnsatisfiedLinkError, or the binding's class failing to
        // initialize
        throw missingLibrary();
      }
      quieted = true;
    }
  }

  static XmException missingLibrary() {
    return new XmException(
        XmException.Kind.UNAVAILABLE,
        "libvirt's client library (libvirt0) is not installed, so libvirt hosts cannot be"
            + " reached; install it with 'apt-get install libvirt-clients' (or run ci/install-libvirt.sh)");
  }
}
