package xm.cli.device;

/**
 * {@code xm block-detach <Domain> <DevId> [-f]}: unplugs a disk named by number (51713) or name
 * (xvda1).
 */
public final class BlockDetachCommand extends DetachCommand {
  @Override
  String field() {
    return "disks";
  }

  @Override
  void detach(String domain, String device, boolean force) {
    host().detachBlock(domain, device, force, origin);
  }
}
