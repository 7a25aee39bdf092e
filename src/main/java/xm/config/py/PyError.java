package xm.config.py;

/** A Python-style error raised while a config script runs (ValueError, NameError, ...). */
final class PyError extends RuntimeException {
  final String type;
  final Node at;

  PyError(String type, String message, Node at) {
    super(message, null, false, false);
    this.type = type;
    this.at = at;
  }
}
