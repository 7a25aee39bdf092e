package xm.hypervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A config's list of strings as xm keeps it among a domain's extras ({@code ['0000:00:19.0@5',
 * '/dev/sdb, 0:0:0:1']}, the Python literal of the config's {@code pci} or {@code vscsi}): read and
 * written in this one place, by the host that assigns the devices and the planner that compares
 * them.
 */
public final class ConfigLists {
  private static final Pattern ITEM =
      Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\"");

  private ConfigLists() {}

  /**
   * The quoted items of {@code literal}, unescaped; empty for null or blank; a value that is not a
   * list is one item (a config may give one device as a plain string).
   */
  public static List<String> items(String literal) {
    List<String> out = new ArrayList<>();
    if (literal == null || literal.isBlank()) {
      return out;
    }
    Matcher m = ITEM.matcher(literal);
    while (m.find()) {
      String raw = m.group(1) != null ? m.group(1) : m.group(2);
      out.add(raw.replaceAll("\\\\(.)", "$1"));
    }
    if (out.isEmpty() && !literal.trim().startsWith("[")) {
      out.add(literal.trim());
    }
    return out;
  }

  /**
   * The literal of {@code items}, each quoted and escaped; null for none (the extra is left out).
   */
  public static String literal(List<String> items) {
    if (items.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder("[");
    for (String item : items) {
      b.append(b.length() == 1 ? "" : ", ")
          .append('\'')
          .append(item.replace("\\", "\\\\").replace("'", "\\'"))
          .append('\'');
    }
    return b.append(']').toString();
  }
}
