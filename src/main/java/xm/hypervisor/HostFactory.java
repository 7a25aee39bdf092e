package xm.hypervisor;

import java.util.List;
import java.util.Optional;

/**
 * Reaches hosts by address: the one place a backend is chosen (a simulated host by name today,
 * libvirt URIs next). Implementations open each host once per process and reuse it; they are safe
 * to use from several threads.
 */
public interface HostFactory {
  /** The host at {@code address}, opened on first use and reused. */
  Hypervisor open(String address);

  /** Whether a host is at {@code address} now. */
  boolean exists(String address);

  /** The hosts this machine knows (sorted), where managed domains may live. */
  List<String> inventory();

  /** What a host made from {@code template} would report, before it exists. */
  HostInfo prospective(HostTemplate template);

  /** The capabilities a host made from {@code template} would have. */
  Capabilities prospectiveCapabilities(HostTemplate template);

  /** Makes a host from {@code template}; nothing happens when it exists. */
  void create(HostTemplate template, String origin);

  /**
   * Takes the whole-apply lock of the host at {@code address} (which need not exist yet) if it is
   * free; returns empty at once when another apply holds it (waiting is the caller's policy).
   */
  Optional<ApplyLock> tryLockForApply(String address, ApplyLock.Holder holder);

  /** Who holds the whole-apply lock of {@code address}, when that is known. */
  Optional<ApplyLock.Holder> applyLockHolder(String address);
}
