package xm.hypervisor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A virtual network interface as declared: {@code vif = ['mac=00:16:3e:00:00:01,bridge=xenbr0']}.
 * The options keep their declared order; keys are those of xmdomain.cfg (backend bridge ip mac
 * script type vifname rate model accel policy label).
 */
public record VifSpec(Map<String, String> options) {
  public VifSpec {
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  public String option(String key) {
    return options.get(key);
  }

  /** A copy with {@code key} set. */
  public VifSpec with(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(options);
    m.put(key, value);
    return new VifSpec(m);
  }
}
