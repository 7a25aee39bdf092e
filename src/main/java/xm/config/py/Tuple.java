package xm.config.py;

import java.util.List;

/** A Python tuple. */
record Tuple(List<Object> items) {
  Tuple {
    items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
  }
}
