package xm.hypervisor;

import java.util.Map;
import java.util.TreeMap;

/**
 * How to create a domain: paused or not, and whether xm's reconciler owns it (managed) with the
 * annotations it keeps on the host (where its spec came from, prune opt-out, held fields).
 */
public record CreateOptions(boolean paused, boolean managed, Map<String, String> annotations) {
  public CreateOptions {
    annotations =
        java.util.Collections.unmodifiableMap(
            new TreeMap<>(annotations == null ? Map.of() : annotations));
  }

  public static CreateOptions plain(boolean paused) {
    return new CreateOptions(paused, false, Map.of());
  }
}
