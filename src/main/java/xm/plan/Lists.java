package xm.plan;

import java.util.List;

/**
 * Lists in messages are cut, so that a refusal of a thousand domains is still one readable line.
 */
public final class Lists {
  private Lists() {}

  /** The first {@code limit} items joined by ", ", then "... and N more". */
  public static String cut(List<String> items, int limit) {
    if (items.size() <= limit) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, limit))
        + " ... and "
        + (items.size() - limit)
        + " more";
  }
}
