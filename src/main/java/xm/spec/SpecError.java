package xm.spec;

import java.util.List;
import xm.diag.XmException;

/** One or more problems in a set of spec documents; nothing is applied when any exists. */
public final class SpecError extends XmException {
  private final List<String> problems;

  public SpecError(List<String> problems) {
    super(Kind.BAD_INPUT, String.join("\nError: ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
