package xm.acm;

import java.util.List;
import java.util.Objects;

/**
 * A Chinese Wall conflict set: no two running domains may hold different types of {@code types}.
 */
public record ConflictSet(String name, List<String> types) {
  public ConflictSet {
    Objects.requireNonNull(name, "name");
    types = List.copyOf(types);
  }
}
