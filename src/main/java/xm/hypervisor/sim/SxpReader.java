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

  /**
   * The one atom {@code (child VALUE)} holds, or null when there is no such entry. An entry that is
   * there but holds no value, a list, or more than one item is refused with its place: a state file
   * xm wrote never has one, and reading it as absent would put a default (say revision 0) in place
   * of what the file says.
   */
  private String atom(String child) {
    Sxp.SList c = node.child(child);
    if (c == null) {
      return null;
    }
    if (c.rest().size() != 1 || !(c.rest().get(0) instanceof Sxp.Atom a)) {
      throw XmException.badInput(where(child), "(" + child + " ...) must hold one value");
    }
    java.util.List<Sxp.SList> all = node.children(child);
    if (all.size() > 1) { // which one would count? xm never writes two
      Sxp.SList second = all.get(1);
      throw XmException.badInput(
          second.location() != null ? second.location() : where(child),
          "(" + child + " ...) is given twice; keep one");
    }
    return a.value();
  }

  String string(String child, String fallback) {
    String v = atom(child);
    return v == null ? fallback : v;
  }

  String required(String child) {
    String v = atom(child);
    if (v == null) {
      throw XmException.badInput(
          where(child), "(" + node.head() + ") needs a (" + child + " ...) entry");
    }
    return v;
  }

  long longValue(String child, long fallback, long min, long max) {
    String v = atom(child);
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
      throw XmException.badInput(
          where(child), child + " must be between " + min + " and " + max + ", not " + n);
    }
    return n;
  }

  double doubleValue(String child, double fallback) {
    String v = atom(child);
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
