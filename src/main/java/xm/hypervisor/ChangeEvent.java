package xm.hypervisor;

/**
 * One change a host committed to one field of one domain: the source of drift origins ("changed by
 * xm mem-set web1 384") and of saved-plan staleness. Events are data, never parsed from log text.
 *
 * @param revision the host revision that committed it (see {@link Hypervisor#revision()})
 * @param timeMs when, by the host's clock (epoch milliseconds)
 * @param domain the domain's name
 * @param uuid the domain's uuid (a later domain of the same name is another domain)
 * @param field {@code domain} (made, gone, restarted), {@code memory}, {@code maxmem}, {@code
 *     vcpus}, {@code state}, {@code disks}, {@code vifs}, {@code managed}, {@code scope}, {@code
 *     holds}
 * @param before the value before, as people read it ({@code (none)} when it did not exist)
 * @param after the value after
 * @param origin the command that made it ({@code xm mem-set web1 384}), or null when the host did
 *     it by itself (a guest shut down, crashed or rebooted)
 */
public record ChangeEvent(
    long revision,
    long timeMs,
    String domain,
    String uuid,
    String field,
    String before,
    String after,
    String origin) {

  /**
   * "xm mem-set web1 384", or "the host itself" for changes nobody typed: for people, so on one
   * line with control characters escaped (the command line is the user's text).
   */
  public String who() {
    return origin == null || origin.isEmpty()
        ? "the host itself"
        : xm.diag.SafeText.oneLine(origin);
  }
}
