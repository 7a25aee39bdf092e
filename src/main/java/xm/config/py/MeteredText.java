package xm.config.py;

/**
 * The text a regular expression runs over, charging every character the matcher reads to the run's
 * budget: a pattern such as {@code (a+)+b} backtracks exponentially in Java as in Python, and this
 * turns that into a located error instead of a hang.
 */
final class MeteredText implements CharSequence {
  private static final int BATCH = 4096;
  private final String text;
  private final Budget budget;
  private final Node at;
  private int reads;

  MeteredText(String text, Budget budget, Node at) {
    this.text = text;
    this.budget = budget;
    this.at = at;
  }

  @Override
  public char charAt(int index) {
    if (++reads == BATCH) {
      reads = 0;
      budget.charge(BATCH, at);
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
