package xm.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;
import xm.diag.Location;
import xm.hypervisor.DomainConfig;

/**
 * A declared domain (kind: Domain): the config it is built from, the state it should be in, where
 * it should run, and which fields the user actually wrote (only those are compared with the host,
 * so values the host fills in never show as drift).
 *
 * @param host the host it belongs on, or null for the command's default host
 * @param declared the spec fields written in the document (e.g. "memory", "disks")
 * @param where where each declared field was written
 */
public record DomainSpec(
    String name,
    String host,
    Map<String, String> labels,
    DomainConfig config,
    DesiredState state,
    boolean prune,
    List<String> dependsOn,
    Set<String> declared,
    Map<String, Location> where,
    Location location) {

  public DomainSpec {
    labels = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels));
    dependsOn = List.copyOf(dependsOn);
    declared = Set.copyOf(declared);
    where = Map.copyOf(where);
  }

  public boolean declares(String field) {
    return declared.contains(field);
  }

  /** Where {@code field} was declared, else where the document starts. */
  public Location at(String field) {
    return where.getOrDefault(field, location);
  }
}
