package xm.hypervisor;

/**
 * A whole-apply lock on one host, held from observation to the last change of an apply (as
 * Terraform locks its state). Released by {@link #close()}, and by the operating system when the
 * holding process dies, so a killed apply never leaves a stale lock. Imperative commands do not
 * take it: they keep their own per-operation lock.
 */
public interface ApplyLock extends AutoCloseable {
  String host();

  @Override
  void close();

  /** Who holds a lock: the command, its process and since when (epoch ms). */
  record Holder(String command, long pid, long sinceMs) {}
}
