package xm.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xm.config.py.ConfigScript;
import xm.diag.XmException;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.LifecycleAction;
import xm.hypervisor.VifSpec;
import xm.hypervisor.VtpmSpec;

/**
 * Writes a domain as an xmdomain.cfg file that Xen 3.4's own {@code xm create} also reads: VCPUs
 * online below the maximum become {@code vcpus = MAX} plus a {@code vcpu_avail} mask, and the
 * kernel command line is written whole as {@code extra}.
 *
 * <p>The file is Python that xm executes, so nothing in it is taken from the domain as code: every
 * value is a literal (strings quoted and escaped onto one line, numbers as digits), every name is
 * one xm chose or an extras key {@link ExtrasKeys} allows, and the comment is one line.
 */
public final class CfgWriter {
  private CfgWriter() {}

  /**
   * The file for {@code c}; {@code comment} (may be null) becomes its first comment line.
   *
   * @throws XmException when the domain has something the file cannot say safely (the message names
   *     it)
   */
  public static String cfg(DomainConfig c, String comment) {
    StringBuilder b = new StringBuilder();
    if (comment != null) {
      b.append("# ").append(oneLine(comment)).append('\n');
    }
    kv(b, "name", c.name());
    if (c.isHvm()) {
      kv(b, "builder", "hvm");
    }
    if (c.kernel() != null) {
      kv(b, "kernel", c.kernel());
    }
    if (c.ramdisk() != null) {
      kv(b, "ramdisk", c.ramdisk());
    }
    if (!c.cmdline().isEmpty()) {
      kv(b, "extra", c.cmdline());
    }
    b.append("memory = ").append(c.memoryMiB()).append('\n');
    if (c.maxmemMiB() != c.memoryMiB()) {
      b.append("maxmem = ").append(c.maxmemMiB()).append('\n');
    }
    b.append("vcpus = ").append(c.maxVcpus()).append('\n');
    if (c.vcpus() != c.maxVcpus()) {
      if (c.vcpus() > 62) {
        throw XmException.badInput(
            "cannot write "
                + c.vcpus()
                + " of "
                + c.maxVcpus()
                + " VCPUs online as an"
                + " xmdomain.cfg vcpu_avail mask (at most 62 below the maximum)");
      }
      b.append("vcpu_avail = ").append((1L << c.vcpus()) - 1).append('\n');
    }
    if (c.cpus() != null) {
      kv(b, "cpus", c.cpus());
    }
    if (c.onPoweroff() != LifecycleAction.DESTROY) {
      kv(b, "on_poweroff", c.onPoweroff().text());
    }
    if (c.onReboot() != LifecycleAction.RESTART) {
      kv(b, "on_reboot", c.onReboot().text());
    }
    if (c.onCrash() != LifecycleAction.RESTART) {
      kv(b, "on_crash", c.onCrash().text());
    }
    List<String> disks = new ArrayList<>();
    for (DiskSpec d : c.disks()) {
      if (d.uname()
          .contains(",")) { // xm's positional form cannot hold it: xl's key=value form, target last
        disks.add(
            "vdev="
                + d.dev()
                + ", access="
                + d.mode()
                + (d.backendDomain() == 0 ? "" : ", backend=" + d.backendDomain())
                + ", target="
                + d.uname());
      } else {
        disks.add(
            d.uname()
                + ","
                + d.dev()
                + ","
                + d.mode()
                + (d.backendDomain() == 0 ? "" : "," + d.backendDomain()));
      }
    }
    list(b, "disk", disks);
    List<String> vifs = new ArrayList<>();
    for (VifSpec v : c.vifs()) {
      List<String> kvs = new ArrayList<>();
      v.options().forEach((k, val) -> kvs.add(k + "=" + val));
      vifs.add(String.join(", ", kvs));
    }
    list(b, "vif", vifs);
    List<String> vtpms = new ArrayList<>();
    for (VtpmSpec t : c.vtpms()) {
      vtpms.add("instance=" + t.instance() + ",backend=" + t.backendDomain());
    }
    list(b, "vtpm", vtpms);
    if (c.securityLabel() != null) {
      list(
          b,
          "access_control",
          List.of("policy=" + c.securityLabel().policy() + ",label=" + c.securityLabel().label()));
    }
    for (Map.Entry<String, String> e : c.extras().entrySet()) {
      String problem = ExtrasKeys.problem(e.getKey());
      if (problem != null) {
        throw XmException.badInput(
            "cannot write " + c.name() + " as an xmdomain.cfg file: " + problem);
      }
      java.util.List<String> items =
          CfgKeys.LISTS.contains(e.getKey())
              ? xm.config.py.ConfigScript.stringList(e.getValue())
              : null;
      if (items != null) { // pci, vscsi, ...: a list of quoted literals, as xm reads one
        list(b, e.getKey(), items);
      } else if (CfgKeys.INTS.contains(e.getKey())
          && e.getValue().matches("0|-?[1-9][0-9]{0,17}")) {
        b.append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
      } else {
        kv(b, e.getKey(), e.getValue());
      }
    }
    String text = b.toString();
    // Python 2 refuses a file with non-ASCII text unless it declares its encoding on line 1 or 2.
    return text.chars().allMatch(ch -> ch < 0x80) ? text : "# -*- coding: utf-8 -*-\n" + text;
  }

  /**
   * A comment's text on one line: control characters (a newline would end the comment) are shown
   * escaped.
   */
  private static String oneLine(String s) {
    StringBuilder b = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if (ch < 0x20 || ch == 0x7f || ch == 0x85 || ch == 0x2028 || ch == 0x2029) {
        b.append(String.format(ch < 0x80 ? "\\x%02x" : "\\u%04x", (int) ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }

  private static void kv(StringBuilder b, String key, String value) {
    b.append(key).append(" = ").append(py(value)).append('\n');
  }

  private static void list(StringBuilder b, String key, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    b.append(key).append(" = [ ");
    for (int i = 0; i < items.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(py(items.get(i)));
    }
    b.append(" ]\n");
  }

  /**
   * A Python string literal on one line; text that no file can hold (a lone UTF-16 surrogate) is
   * refused.
   */
  static String py(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean paired =
          Character.isHighSurrogate(ch)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
      if (paired) {
        i++;
      } else if (Character.isSurrogate(ch)) {
        throw XmException.badInput(
            "cannot write "
                + ConfigScript.brief(s)
                + " to an xmdomain.cfg file: it holds"
                + " half of a UTF-16 surrogate pair, which is no character");
      }
    }
    return ConfigScript.literal(s);
  }
}
