package xm.spec;

import java.util.ArrayList;
import java.util.List;
import xm.diag.XmException;

/** One or more problems in a set of spec documents; nothing is applied when any exists. */
public final class SpecError extends XmException {
  /**
   * The most problems reported: a large generated file with one mistake per document would
   * otherwise print a line per document, and nobody reads past the first screens.
   */
  static final int MAX_REPORTED = 100;

  private final List<String> problems;

  public SpecError(List<String> problems) {
    super(Kind.BAD_INPUT, String.join("\nError: ", reported(problems)));
    this.problems = reported(problems);
  }

  private static List<String> reported(List<String> problems) {
    if (problems.size() <= MAX_REPORTED) {
      return List.copyOf(problems);
    }
    List<String> out = new ArrayList<>(problems.subList(0, MAX_REPORTED));
    out.add("... and " + (problems.size() - MAX_REPORTED) + " more problems; fix these first");
    return List.copyOf(out);
  }

  public List<String> problems() {
    return problems;
  }
}
