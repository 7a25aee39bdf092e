package xm.hypervisor.libvirt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import xm.diag.XmException;
import xm.hypervisor.ApplyLock;
import xm.hypervisor.Capabilities;
import xm.hypervisor.HostFactory;
import xm.hypervisor.HostInfo;
import xm.hypervisor.HostTemplate;
import xm.hypervisor.Hypervisor;
import xm.hypervisor.sim.SimApplyLock;

/**
 * libvirt hosts by URI: one connection per URI per process, opened on first use and reused. xm does
 * not make libvirt hosts (a {@code kind: Host} with {@code uri:} names one). An apply's whole-apply
 * lock is a file lock under {@code $XM_HOME/libvirt/}, so two applies on one machine never
 * interleave on a host.
 */
public final class LibvirtHostFactory implements HostFactory {
  private final Path home;

  /**
   * One connection per URI per process (a test:/// driver's state lives as long as its connection).
   */
  private static final Map<String, LibvirtHost.Link> LINKS = new ConcurrentHashMap<>();

  /**
   * The hosts of this factory's XM_HOME (where xm keeps what libvirt does not: the active ACM
   * policy).
   */
  private final Map<String, LibvirtHost> open = new ConcurrentHashMap<>();

  public LibvirtHostFactory(Path home) {
    this.home = home;
  }

  /**
   * Whether {@code address} is a libvirt URI ({@code driver:///path} or {@code
   * driver+transport://host/path}).
   */
  /**
   * The longest URI xm passes to libvirt (libvirt's own parser takes far more than any real one
   * needs).
   */
  public static final int MAX_URI = 2048;

  public static boolean isUri(String address) {
    // no fragment: 'qemu:///system#x' reaches the same libvirtd, and must not be a second host to
    // xm
    return address != null
        && address.length() <= MAX_URI
        && address.matches("[a-z][a-z0-9+]*://[^\\s#]*");
  }

  @Override
  public Hypervisor open(String address) {
    requireUri(address);
    return open.computeIfAbsent(
        address,
        uri ->
            new LibvirtHost(
                LINKS.computeIfAbsent(uri, LibvirtHost::connect),
                new LibvirtAcm(lockDir(uri), home),
                peer -> (LibvirtHost) open(peer)));
  }

  @Override
  public boolean exists(String address) {
    try {
      open(address);
      return true;
    } catch (XmException e) {
      return false;
    }
  }

  @Override
  public List<String> inventory() {
    return List.copyOf(new java.util.TreeSet<>(open.keySet()));
  }

  @Override
  public HostInfo prospective(HostTemplate template) {
    throw notMade(template.name());
  }

  @Override
  public Capabilities prospectiveCapabilities(HostTemplate template) {
    throw notMade(template.name());
  }

  @Override
  public void create(HostTemplate template, String origin) {
    throw notMade(template.name());
  }

  @Override
  public Optional<ApplyLock> tryLockForApply(String address, ApplyLock.Holder holder) {
    requireUri(address);
    return SimApplyLock.tryAcquire(address, lockDir(address), holder);
  }

  @Override
  public Optional<ApplyLock.Holder> applyLockHolder(String address) {
    requireUri(address);
    return SimApplyLock.holder(lockDir(address));
  }

  /** A directory per URI: its readable part and a checksum, so that no two URIs share one. */
  private Path lockDir(String uri) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(uri.getBytes(StandardCharsets.UTF_8));
    String safe = uri.replaceAll("[^A-Za-z0-9._-]", "_");
    return home.resolve("libvirt")
        .resolve(
            (safe.length() > 64 ? safe.substring(0, 64) : safe)
                + "-"
                + Long.toHexString(crc.getValue()));
  }

  private static void requireUri(String address) {
    if (address != null && address.length() > MAX_URI) {
      throw XmException.badInput(
          "a libvirt URI has at most " + MAX_URI + " characters; this one has " + address.length());
    }
    if (!isUri(address)) {
      throw XmException.badInput(
          "'"
              + address
              + "' is not a libvirt URI (e.g. qemu:///system, xen:///system, test:///default)");
    }
  }

  private static XmException notMade(String name) {
    return XmException.error(
        "host '"
            + name
            + "' is a libvirt host: xm does not make those; start libvirtd there and"
            + " name it by its URI");
  }
}
