package xm.diag;

/**
 * A problem found in the core, as data: how bad it is, where it came from (null when it is about no
 * place in the input), a short summary and a detail that says what to do. Text, JSON and JUnit
 * reports all render the same diagnostics; only the CLI turns them into exit codes.
 */
public record Diagnostic(Severity severity, Location where, String summary, String detail) {

  /** How bad a diagnostic is: errors refuse a plan, warnings are reported and let it run. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public static Diagnostic error(Location where, String summary, String detail) {
    return new Diagnostic(Severity.ERROR, where, summary, detail);
  }

  public static Diagnostic warning(Location where, String summary, String detail) {
    return new Diagnostic(Severity.WARNING, where, summary, detail);
  }

  /**
   * A diagnostic from one line of text of the form {@code file:line:column: message} (or just a
   * message), as spec and config readers report problems.
   */
  public static Diagnostic fromText(Severity severity, String text) {
    String[] parts = text.split(":", 4);
    if (parts.length == 4
        && parts[1].matches("\\d+")
        && parts[2].matches("\\d+")
        && parts[3].startsWith(" ")) {
      return new Diagnostic(
          severity,
          new Location(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2])),
          parts[3].substring(1),
          null);
    }
    return new Diagnostic(severity, null, text, null);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The summary and the detail as one sentence. */
  public String message() {
    return detail == null || detail.isEmpty() ? summary : summary + "; " + detail;
  }

  /** {@code file:line:column: summary; detail}, as one line. */
  @Override
  public String toString() {
    return (where == null ? "" : where + ": ") + message();
  }
}
