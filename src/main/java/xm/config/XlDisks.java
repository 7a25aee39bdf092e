package xm.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xm.diag.XmException;
import xm.hypervisor.DiskSpec;

/**
 * xl's disk syntax (xl-disk-configuration), as xm's model holds it: positional {@code
 * [TARGET[,FORMAT[,VDEV[,ACCESS]]]]} and {@code key=value} ({@code target=} last, since a path may
 * hold commas), mixed as xl allows. A target under {@code /dev/} is a block device ({@code phy:}),
 * any other a file ({@code file:}, or {@code tap:qcow2:} and the like for an image format); FORMAT
 * defaults to raw and ACCESS to rw ({@code ro}/{@code r}, {@code rw}/{@code w}); {@code
 * devtype=cdrom} (or the flag {@code cdrom}) makes a CD-ROM, whose target may be empty.
 */
final class XlDisks {
  private XlDisks() {}

  static DiskSpec disk(String spec) {
    Map<String, String> keys = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    String rest = spec;
    int target = indexOfKey(spec, "target");
    if (target >= 0) {
      keys.put("target", spec.substring(target + "target=".length()).trim());
      rest = spec.substring(0, target);
    }
    for (String raw : rest.split(",", -1)) {
      String p = raw.trim();
      if (p.isEmpty() && target >= 0) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq > 0) {
        String k = p.substring(0, eq).trim();
        if (keys.put(k, p.substring(eq + 1).trim()) != null) {
          throw bad(spec, "'" + k + "' is given twice");
        }
      } else if (p.equals("cdrom")) {
        keys.put("devtype", "cdrom");
      } else if (p.equals("discard") || p.equals("no-discard") || p.equals("direct-io-safe")) {
        continue; // hints for xl's backend, nothing xm's model holds
      } else {
        positional.add(p);
      }
    }
    String[] order = {"target", "format", "vdev", "access"};
    int next = 0;
    for (String p : positional) {
      while (next < order.length && keys.containsKey(order[next])) {
        next++;
      }
      if (next == order.length) {
        throw bad(spec, "too many positional parameters (at most target, format, vdev, access)");
      }
      keys.put(order[next++], p);
    }
    for (String k : keys.keySet()) {
      if (!List.of(
              "target", "format", "vdev", "access", "devtype", "backendtype", "backend", "script")
          .contains(k)) {
        throw bad(
            spec,
            "unknown parameter '"
                + k
                + "' (xl's are target, format, vdev, access, devtype, backendtype,"
                + " backend, script)");
      }
    }
    String vdev = keys.getOrDefault("vdev", "");
    if (vdev.isEmpty()) {
      throw bad(spec, "no vdev (the guest's device, e.g. xvda)");
    }
    boolean cdrom = "cdrom".equals(keys.get("devtype"));
    if (keys.containsKey("devtype") && !cdrom && !"disk".equals(keys.get("devtype"))) {
      throw bad(spec, "devtype must be disk or cdrom, not '" + keys.get("devtype") + "'");
    }
    String access = keys.getOrDefault("access", cdrom ? "ro" : "rw");
    String mode =
        switch (access) {
          case "rw", "w" -> "w";
          case "ro", "r" -> "r";
          case "w!" -> "w!";
          default ->
              throw bad(spec, "access must be rw or ro (or xm's w, r, w!), not '" + access + "'");
        };
    String format = keys.getOrDefault("format", "raw");
    String path = keys.getOrDefault("target", "");
    String uname;
    if (path.isEmpty()) {
      if (!cdrom) {
        throw bad(spec, "no target (the disk's device or image file)");
      }
      uname = "";
    } else if (path.startsWith("phy:") || path.startsWith("file:") || path.startsWith("tap:")) {
      uname = path;
    } else {
      uname =
          switch (format) {
            case "raw" ->
                (path.startsWith("/dev/") || "phy".equals(keys.get("backendtype"))
                        ? "phy:"
                        : "file:")
                    + path;
            case "qcow", "qcow2", "vmdk" -> "tap:" + format + ":" + path;
            default ->
                throw bad(
                    spec,
                    "format " + format + " has no backend in xm (raw, qcow, qcow2 and vmdk have)");
          };
    }
    int backend = 0;
    if (keys.containsKey("backend")) {
      try {
        backend = Integer.parseInt(keys.get("backend"));
      } catch (NumberFormatException e) {
        throw bad(spec, "backend must be a domain id here, not '" + keys.get("backend") + "'");
      }
    }
    String dev = cdrom && !vdev.endsWith(":cdrom") ? vdev + ":cdrom" : vdev;
    if (!uname.isEmpty()) {
      DeviceSpecs.checkUname(uname, spec);
    }
    return new DiskSpec(uname, dev, mode, backend);
  }

  /**
   * Where {@code key=} starts as a parameter of {@code spec} (at its start or after a comma), else
   * -1.
   */
  private static int indexOfKey(String spec, String key) {
    for (int i = spec.indexOf(key + "="); i >= 0; i = spec.indexOf(key + "=", i + 1)) {
      int j = i - 1;
      while (j >= 0 && spec.charAt(j) == ' ') {
        j--;
      }
      if (j < 0 || spec.charAt(j) == ',') {
        return i;
      }
    }
    return -1;
  }

  private static XmException bad(String spec, String why) {
    return XmException.badInput("Invalid disk specifier: " + spec + " (" + why + ")");
  }
}
