package xm.diag;

/**
 * A failure a user should see as one line: {@code Error: <message>}. The {@link Kind} says what
 * sort of failure it is; only the CLI turns a kind into an exit code. The message is complete and
 * names the place and the fix where there is one.
 */
public class XmException extends RuntimeException {

  /** What went wrong, independent of how the CLI reports it. */
  public enum Kind {
    /** A general failure (exit 1). */
    ERROR,
    /** The domain named by the user does not exist (xm exits 3). */
    NO_SUCH_DOMAIN,
    /** Bad input: arguments, a config file, a state file; nothing was changed. */
    BAD_INPUT,
    /** The host cannot be reached or its state cannot be read. */
    UNAVAILABLE
  }

  private final Kind kind;

  public XmException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public XmException(Kind kind, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static XmException error(String message) {
    return new XmException(Kind.ERROR, message);
  }

  public static XmException badInput(String message) {
    return new XmException(Kind.BAD_INPUT, message);
  }

  public static XmException badInput(Location where, String message) {
    return new XmException(Kind.BAD_INPUT, where + ": " + message);
  }

  /** The xm message for an unknown domain: {@code Domain '<ref>' does not exist.} */
  public static XmException noSuchDomain(String ref) {
    return new XmException(Kind.NO_SUCH_DOMAIN, "Domain '" + ref + "' does not exist.");
  }
}
