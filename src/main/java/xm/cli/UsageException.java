package xm.cli;

/**
 * A command line that does not fit the command: reported as {@code Error: ...} followed by the
 * command's usage.
 */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message, null, false, false);
  }
}
