package xm.hypervisor.libvirt;

import java.net.URI;
import java.net.URISyntaxException;
import xm.diag.XmException;

/**
 * Where {@code xm migrate DOM HOST} sends a domain from a libvirt host: HOST as a libvirt URI, or a
 * machine's name, which is the source's driver and path on that machine over SSH, as virsh users
 * write it ({@code kvm2} from {@code qemu:///system} is {@code qemu+ssh://kvm2/system}).
 */
final class MigrationTarget {
  private MigrationTarget() {}

  static String uri(String sourceUri, String target) {
    if (LibvirtHostFactory.isUri(target)) {
      return target;
    }
    if (!target.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})?(:[0-9]{1,5})?")) {
      throw XmException.badInput(
          "'"
              + target
              + "' is neither a libvirt URI nor a host name: give the target as"
              + " qemu+ssh://HOST/system, or as a host name");
    }
    try {
      URI u = new URI(sourceUri);
      String driver = u.getScheme().replaceFirst("\\+.*$", "");
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/system" : u.getRawPath();
      return driver + "+ssh://" + target + path;
    } catch (URISyntaxException | NullPointerException e) {
      throw XmException.badInput(
          "give the migration target of a domain on " + sourceUri + " as a libvirt URI");
    }
  }
}
