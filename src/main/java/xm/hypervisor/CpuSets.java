package xm.hypervisor;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import xm.diag.XmException;

/** CPU lists as xm spells them: {@code "0-3,5,^1"} to parse, {@code "0-1,4"} to print. */
public final class CpuSets {
  private CpuSets() {}

  /**
   * Parses a CPU list: comma-separated numbers and ranges, where {@code ^N} removes a CPU added
   * before it. {@code all} means CPUs 0-63.
   */
  public static Set<Integer> parse(String text) {
    Set<Integer> cpus = new TreeSet<>();
    if (text.trim().equals("all")) {
      for (int i = 0; i < 64; i++) {
        cpus.add(i);
      }
      return cpus;
    }
    if (!text.chars().allMatch(c -> c < 0x80)) {
      // Integer.parseInt also reads other scripts' digits ('٠-١' is 0-1): refused, as xm's int()
      // did
      throw XmException.badInput(
          "Invalid CPU list '" + text + "': use numbers and ranges such as 0-3,5,^1");
    }
    for (String part : text.split(",")) {
      String p = part.trim();
      try {
        if (p.startsWith("^")) {
          cpus.remove(Integer.parseInt(p.substring(1).trim()));
        } else if (p.indexOf('-') > 0) {
          int dash = p.indexOf('-');
          int lo = Integer.parseInt(p.substring(0, dash).trim());
          int hi = Integer.parseInt(p.substring(dash + 1).trim());
          if (lo < 0 || hi < lo || hi > 1023) {
            throw new NumberFormatException();
          }
          for (int i = lo; i <= hi; i++) {
            cpus.add(i);
          }
        } else {
          int n = Integer.parseInt(p);
          if (n < 0 || n > 1023) {
            throw new NumberFormatException();
          }
          cpus.add(n);
        }
      } catch (NumberFormatException e) {
        throw XmException.badInput(
            "Invalid CPU list '" + text + "': use numbers and ranges such as 0-3,5,^1");
      }
    }
    return cpus;
  }

  /** Ranges joined by commas ({@code 0-1,4}); {@code "no cpus"} for an empty set. */
  public static String format(Set<Integer> cpus) {
    if (cpus.isEmpty()) {
      return "no cpus";
    }
    List<Integer> sorted = List.copyOf(new TreeSet<>(cpus));
    StringBuilder out = new StringBuilder();
    int start = sorted.get(0);
    int prev = start;
    for (int i = 1; i <= sorted.size(); i++) {
      int cur = i < sorted.size() ? sorted.get(i) : Integer.MIN_VALUE;
      if (cur != prev + 1) {
        if (out.length() > 0) {
          out.append(',');
        }
        out.append(start);
        if (prev != start) {
          out.append('-').append(prev);
        }
        start = cur;
      }
      prev = cur;
    }
    return out.toString();
  }
}
