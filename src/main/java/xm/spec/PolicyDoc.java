package xm.spec;

import java.util.List;
import xm.acm.SecurityPolicy;
import xm.diag.Location;

/**
 * A declared security policy (kind: SecurityPolicy), the hosts it is to be active on (empty: every
 * host these specs place a domain on, or declare) and where its document starts.
 */
public record PolicyDoc(SecurityPolicy policy, List<String> hosts, Location location) {
  public PolicyDoc {
    hosts = List.copyOf(hosts);
  }

  public PolicyDoc(SecurityPolicy policy, Location location) {
    this(policy, List.of(), location);
  }
}
