package xm.spec;

import xm.diag.Location;

/**
 * A declared resource label (kind: ResourceLabel): the resource in canonical form ({@code
 * phy:/dev/hda6}, {@code file:/abs/path}, {@code vlan:N}), the policy and the label it holds, and
 * where its document starts.
 */
public record ResourceLabelDoc(String resource, String policy, String label, Location location) {}
