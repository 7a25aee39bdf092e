package xm.acm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A label for virtual machines (a subject label): its STE and Chinese Wall types, in document
 * order, and the name it had in the policy this one updates ({@code from}), if renamed.
 */
public record VmLabel(
    String name, List<String> steTypes, List<String> chwallTypes, Optional<String> from) {
  public VmLabel {
    Objects.requireNonNull(name, "name");
    steTypes = List.copyOf(steTypes);
    chwallTypes = List.copyOf(chwallTypes);
    Objects.requireNonNull(from, "from");
  }

  public VmLabel(String name, List<String> steTypes, List<String> chwallTypes) {
    this(name, steTypes, chwallTypes, Optional.empty());
  }
}
