package xm.hypervisor.sim;

import xm.diag.Location;
import xm.diag.XmException;
import xm.sxp.Sxp;

/** Typed, located access to the children of one S-expression node in a state file. */
final class SxpReader {
  private final Sxp.SList node;
  private final String source;

  private SxpReader(Sxp.SList node, String source) {
    this.node = node;
    this.source = source;
  }

  static SxpReader of(Sxp sxp, String expectedHead, String source) {
    if (!(sxp instanceof Sxp.SList l) || !expectedHead.equals(l.head())) {
      Location at = sxp.location() != null ? sxp.location() : new Location(source, 1, 1);
      throw XmException.badInput(at, "expected a (" + expectedHead + " ...) list");
    }
    return new SxpReader(l, source);
  }

  Sxp.SList node() {
    return node;
  }

  Location where(String child) {
    Sxp.SList c = node.child(child);
    Sxp at = c != null ? c : node;
    return at.location() != null ? at.location() : new Location(source, 1, 1);
  }

  boolean has(String child) {
    return node.child(child) != null;
  }

  String string(String child, String fallback) {
    return node.value(child, fallback);
  }

  String required(String child) {
    String v = node.value(child, null);
    if (v == null) {
      throw XmException.badInput(where(child), "(" + node.head() + ") needs a (" + child + " ...) entry");
    }
    return v;
  }

  long longValue(String child, long fallback, long min, long max) {
    String v = node.value(child, null);
    if (v == null) {
      return fallback;
    }
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw XmException.badInput(where(child), child + " must be a whole number, not '" + v + "'");
    }
    if (n < min || n > max) {
      throw XmException.badInput(where(child), child + " must be between " + min + " and " + max + ", not " + n);
    }
    return n;
  }

  double doubleValue(String child, double fallback) {
    String v = node.value(child, null);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw XmException.badInput(where(child), child + " must be a number, not '" + v + "'");
    }
  }

  boolean flag(String child) {
    return longValue(child, 0, 0, 1) == 1;
  }
}
