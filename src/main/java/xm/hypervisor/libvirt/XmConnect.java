package xm.hypervisor.libvirt;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.ConnectionPointer;

/**
 * libvirt's {@link Connect}, with its native handle reachable for the few calls the Java binding
 * does not wrap ({@link SaveImages}); the binding keeps it in a protected field.
 */
final class XmConnect extends Connect {
  XmConnect(String uri) throws LibvirtException {
    super(uri, false);
  }

  ConnectionPointer pointer() {
    return vcp;
  }
}
