package xm.spec;

import xm.acm.SecurityPolicy;
import xm.diag.Location;

/** A declared security policy (kind: SecurityPolicy) and where its document starts. */
public record PolicyDoc(SecurityPolicy policy, Location location) {}
