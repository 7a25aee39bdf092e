package xm.cli.device;

/** {@code xm network-detach <Domain> <DevId> [-f]}: unplugs the interface with that index. */
public final class NetworkDetachCommand extends DetachCommand {
  @Override
  String field() {
    return "vifs";
  }

  @Override
  void detach(String domain, String device, boolean force) {
    host().detachNetwork(domain, device, force, origin);
  }
}
