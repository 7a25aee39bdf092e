package xm.hypervisor;

/**
 * What a well-formed network interface looks like: a unicast MAC of six hex pairs, IPv4 addresses
 * (optionally with a prefix length), a rate such as {@code 10Mb/s} or {@code 1MB/s@20ms}, a numeric
 * backend domain.
 */
public final class VifRules {
  private VifRules() {}

  /** Null when {@code vif} is well formed, otherwise what is wrong and how to fix it. */
  public static String problem(VifSpec vif) {
    String mac = vif.option("mac");
    if (mac != null && !isMac(mac)) {
      return "Invalid mac address '" + mac + "': use six hex pairs such as 00:16:3e:01:02:03";
    }
    if (mac != null && (Integer.parseInt(mac.substring(0, 2), 16) & 1) == 1) {
      return "Invalid mac address '"
          + mac
          + "': the first byte is odd, which makes it a multicast address";
    }
    String ip = vif.option("ip");
    if (ip != null) {
      for (String one : ip.trim().split("\\s+")) {
        if (!isIpv4(one)) {
          return "Invalid ip address '"
              + one
              + "': use dotted quads such as 192.168.1.10 (or 192.168.1.10/24)";
        }
      }
    }
    String rate = vif.option("rate");
    if (rate != null && !isRate(rate)) {
      return "Invalid rate '"
          + rate
          + "': use a number with Kb/s, Mb/s, Gb/s, KB/s, MB/s or GB/s, e.g. 10Mb/s or 1MB/s@20ms";
    }
    String backend = vif.option("backend");
    if (backend != null && !backend.chars().allMatch(Character::isDigit)) {
      return "Invalid backend '" + backend + "': give the backend domain's id";
    }
    return null;
  }

  public static boolean isMac(String s) {
    if (s.length() != 17) {
      return false;
    }
    for (int i = 0; i < 17; i++) {
      char c = s.charAt(i);
      if (i % 3 == 2 ? c != ':' : Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }

  static boolean isIpv4(String s) {
    String addr = s;
    int slash = s.indexOf('/');
    if (slash >= 0) {
      addr = s.substring(0, slash);
      String prefix = s.substring(slash + 1);
      if (prefix.isEmpty()
          || prefix.length() > 2
          || !prefix.chars().allMatch(Character::isDigit)
          || Integer.parseInt(prefix) > 32) {
        return false;
      }
    }
    String[] parts = addr.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty()
          || p.length() > 3
          || !p.chars().allMatch(Character::isDigit)
          || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean isRate(String s) {
    int at = s.indexOf('@');
    String amount = at < 0 ? s : s.substring(0, at);
    if (at >= 0) {
      String window = s.substring(at + 1);
      String num =
          window.endsWith("ms") || window.endsWith("us")
              ? window.substring(0, window.length() - 2)
              : window.endsWith("s") ? window.substring(0, window.length() - 1) : "";
      if (num.isEmpty() || !num.chars().allMatch(Character::isDigit)) {
        return false;
      }
    }
    if (!amount.endsWith("b/s") && !amount.endsWith("B/s")) {
      return false;
    }
    String n = amount.substring(0, amount.length() - 3);
    if (!n.isEmpty() && "KMG".indexOf(n.charAt(n.length() - 1)) >= 0) {
      n = n.substring(0, n.length() - 1);
    }
    return !n.isEmpty() && n.chars().allMatch(Character::isDigit);
  }
}
