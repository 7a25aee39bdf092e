package xm.acm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A label for resources (an object label): its STE types and its name in the updated policy, if
 * renamed.
 */
public record ResourceLabel(String name, List<String> steTypes, Optional<String> from) {
  public ResourceLabel {
    Objects.requireNonNull(name, "name");
    steTypes = List.copyOf(steTypes);
    Objects.requireNonNull(from, "from");
  }

  public ResourceLabel(String name, List<String> steTypes) {
    this(name, steTypes, Optional.empty());
  }
}
