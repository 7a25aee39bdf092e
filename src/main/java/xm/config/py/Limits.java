package xm.config.py;

/**
 * The bounds on what one config script may be and do. Real configs (Xen's own examples are at most
 * 13 KB, a few hundred tokens, three levels of nesting, strings of a few hundred characters) stay
 * far below every one of them; a script that reaches one is a mistake or an attack, and fails with
 * a located error instead of taking minutes, gigabytes or the stack.
 */
public final class Limits {
  /** Characters of config text (1 MiB). */
  public static final int MAX_SOURCE_CHARS = 1 << 20;

  /** Tokens of config text. */
  public static final int MAX_TOKENS = 100_000;

  /** Nesting of brackets, blocks and unary operators (Python 2's own parser stops near 100 too). */
  public static final int MAX_DEPTH = 100;

  /** Characters in one string value (1 MiB). */
  public static final int MAX_STRING = 1 << 20;

  /** Items in one list, tuple or dict. */
  public static final int MAX_ITEMS = 100_000;

  /** Statements run and loop iterations, all together. */
  public static final int MAX_STEPS = 1_000_000;

  /** Characters and items made, copied or compared by all operations together. */
  public static final long MAX_WORK = 100_000_000L;

  /** Nested calls of functions the script defines. */
  public static final int MAX_CALLS = 100;

  private Limits() {}

  /** Refuses a string of {@code length} characters before it is built. */
  static void string(long length, Node at) {
    if (length > MAX_STRING) {
      throw new PyError(
          "",
          "string too long (more than "
              + MAX_STRING
              + " characters); config values are"
              + " limited to 1 MiB of text",
          at);
    }
  }

  /** Refuses a list, tuple or dict of {@code count} items before it is built. */
  static void items(long count, Node at) {
    if (count > MAX_ITEMS) {
      throw new PyError(
          "",
          "list too long (more than "
              + MAX_ITEMS
              + " items); config lists are limited to "
              + MAX_ITEMS
              + " items",
          at);
    }
  }

  /** Refuses a value nested {@code depth} levels deep (walking it would take the stack). */
  static void depth(int depth, Node at) {
    if (depth > MAX_DEPTH) {
      throw new PyError(
          "",
          "value nested too deeply (more than " + MAX_DEPTH + " levels of lists, tuples or dicts)",
          at);
    }
  }
}
