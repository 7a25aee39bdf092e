package xm.diag;

/**
 * Where a piece of user input came from: a file (or other source name), a 1-based line and column.
 */
public record Location(String source, int line, int column) {

  @Override
  public String toString() {
    return source + ":" + line + ":" + column;
  }
}
