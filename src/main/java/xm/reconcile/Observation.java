package xm.reconcile;

import java.util.List;
import java.util.Map;
import xm.plan.Observed;

/**
 * What the engine saw of the hosts: each host as the planner reads it, each host's revision at that
 * moment (-1 for a declared host that does not exist yet), and who last changed what.
 */
public record Observation(List<Observed> hosts, Map<String, Long> revisions, Causes causes) {
  public Observation {
    hosts = List.copyOf(hosts);
    revisions = Map.copyOf(revisions);
  }
}
