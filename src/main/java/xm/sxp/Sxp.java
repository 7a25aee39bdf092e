package xm.sxp;

import java.util.ArrayList;
import java.util.List;
import xm.diag.Location;

/**
 * An S-expression as xend used them: an atom (a string) or a list of S-expressions. A list whose
 * first element is an atom is a "node" named by that atom, e.g. {@code (memory 256)}.
 */
public sealed interface Sxp permits Sxp.Atom, Sxp.SList {

  /** Where the expression was read from, or null for one built in memory. */
  Location location();

  /** An atom; numbers are atoms too. */
  record Atom(String value, Location location) implements Sxp {
    public Atom {
      if (value == null) {
        throw new IllegalArgumentException("atom value must not be null");
      }
    }
  }

  /** A list. */
  record SList(List<Sxp> items, Location location) implements Sxp {
    public SList {
      items = List.copyOf(items);
    }

    /** The name of this node: its first element when that is an atom, else null. */
    public String head() {
      return !items.isEmpty() && items.get(0) instanceof Atom a ? a.value() : null;
    }

    /** The elements after the head. */
    public List<Sxp> rest() {
      return items.isEmpty() ? items : items.subList(1, items.size());
    }

    /** The first child list named {@code name}, or null. */
    public SList child(String name) {
      for (int i = 1; i < items.size(); i++) {
        if (items.get(i) instanceof SList l && name.equals(l.head())) {
          return l;
        }
      }
      return null;
    }

    /** All child lists named {@code name}, in order. */
    public List<SList> children(String name) {
      List<SList> out = new ArrayList<>();
      for (int i = 1; i < items.size(); i++) {
        if (items.get(i) instanceof SList l && name.equals(l.head())) {
          out.add(l);
        }
      }
      return out;
    }

    /** The atom value of child {@code (name value)}, or {@code fallback} when absent. */
    public String value(String name, String fallback) {
      SList c = child(name);
      if (c == null || c.items.size() < 2) {
        return fallback;
      }
      return c.items.get(1) instanceof Atom a ? a.value() : fallback;
    }
  }

  static Atom atom(String value) {
    return new Atom(value, null);
  }

  static Atom atom(long value) {
    return new Atom(Long.toString(value), null);
  }

  static SList list(Sxp... items) {
    return new SList(List.of(items), null);
  }

  static SList list(List<Sxp> items) {
    return new SList(items, null);
  }

  /** {@code (name value)} with an atom value. */
  static SList node(String name, String value) {
    return list(atom(name), atom(value));
  }

  static SList node(String name, long value) {
    return list(atom(name), atom(value));
  }

  /** {@code (name child...)} */
  static SList node(String name, List<? extends Sxp> children) {
    List<Sxp> items = new ArrayList<>(children.size() + 1);
    items.add(atom(name));
    items.addAll(children);
    return list(items);
  }
}
