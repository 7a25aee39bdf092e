package xm.config.py;

import java.util.ArrayList;
import java.util.List;

/**
 * Substring search in time linear in the text and the pattern (Knuth-Morris-Pratt). Java's own
 * {@code indexOf} is quadratic on inputs such as {@code 'a' * 500000 + 'b'} searched for in {@code
 * 'a' * 1000000}, which a config could use to run for minutes inside one operation.
 */
final class Text {
  private Text() {}

  static int indexOf(String text, String pattern, int from) {
    int m = pattern.length();
    if (m == 0) {
      return Math.min(from, text.length());
    }
    int[] fail = new int[m];
    for (int i = 1, k = 0; i < m; i++) {
      while (k > 0 && pattern.charAt(i) != pattern.charAt(k)) {
        k = fail[k - 1];
      }
      if (pattern.charAt(i) == pattern.charAt(k)) {
        k++;
      }
      fail[i] = k;
    }
    for (int i = from, k = 0; i < text.length(); i++) {
      while (k > 0 && text.charAt(i) != pattern.charAt(k)) {
        k = fail[k - 1];
      }
      if (text.charAt(i) == pattern.charAt(k)) {
        k++;
      }
      if (k == m) {
        return i - m + 1;
      }
    }
    return -1;
  }

  /** Python's {@code s.split(sep)} with a non-empty separator. */
  static List<Object> split(String s, String sep) {
    List<Object> out = new ArrayList<>();
    int start = 0;
    for (int i = indexOf(s, sep, 0); i >= 0; i = indexOf(s, sep, start)) {
      out.add(s.substring(start, i));
      start = i + sep.length();
    }
    out.add(s.substring(start));
    return out;
  }

  /** Python's {@code s.replace(old, new)}; the caller has checked the result's size. */
  static String replace(String s, String old, String replacement) {
    if (old.isEmpty()) {
      return s.replace(old, replacement);
    }
    StringBuilder b = new StringBuilder();
    int start = 0;
    for (int i = indexOf(s, old, 0); i >= 0; i = indexOf(s, old, start)) {
      b.append(s, start, i).append(replacement);
      start = i + old.length();
    }
    return b.append(s, start, s.length()).toString();
  }

  /** How many times {@code old} occurs in {@code s} without overlapping, as replace counts them. */
  static long count(String s, String old) {
    if (old.isEmpty()) {
      return s.length() + 1L;
    }
    long n = 0;
    for (int i = indexOf(s, old, 0); i >= 0; i = indexOf(s, old, i + old.length())) {
      n++;
    }
    return n;
  }
}
