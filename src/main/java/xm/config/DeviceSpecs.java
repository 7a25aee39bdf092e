package xm.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import xm.diag.XmException;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.SecurityLabel;
import xm.hypervisor.VifSpec;
import xm.hypervisor.VtpmSpec;

/**
 * The xmdomain.cfg spellings of devices and labels: {@code 'phy:hda6,sda2,w'}, {@code
 * 'mac=...,bridge=...'}.
 */
public final class DeviceSpecs {
  /** The keys a vif may have. */
  public static final Set<String> VIF_KEYS =
      Set.of(
          "backend", "bridge", "ip", "mac", "script", "type", "vifname", "rate", "model", "accel",
          "policy", "label", "uuid");

  private static final Set<String> TAP_TYPES =
      Set.of("aio", "sync", "qcow", "qcow2", "vmdk", "ram", "ioemu");

  private DeviceSpecs() {}

  /** The image formats of xl's disk syntax. */
  private static final Set<String> XL_FORMATS =
      Set.of("raw", "qcow", "qcow2", "vhd", "qed", "vmdk");

  /**
   * A disk in any of the spellings real configs use: xm's {@code UNAME,DEV,MODE[,BACKEND]} ({@code
   * 'phy:hda6,sda2,w'}), or xl's positional {@code TARGET,FORMAT,VDEV,ACCESS} ({@code
   * '/dev/vg/guest-disk,raw,xvda,rw'}) and key=value form ({@code 'format=raw, vdev=xvda,
   * access=rw, target=/srv/guest.img'}), with xl's defaults (raw, rw) and access names.
   */
  public static DiskSpec disk(String spec) {
    String[] parts = spec.split(",", -1);
    boolean keyed =
        java.util.Arrays.stream(parts)
            .anyMatch(
                p ->
                    p.trim()
                        .matches(
                            "(target|format|vdev|access|devtype|backendtype|backend|script)=.*"));
    if (keyed || (parts.length >= 2 && parts.length <= 4 && XL_FORMATS.contains(parts[1].trim()))) {
      return XlDisks.disk(spec);
    }
    return xmDisk(spec);
  }

  /** {@code UNAME,DEV,MODE[,BACKEND[,PROTOCOL]]}; MODE is r, w or w! (ro and rw are accepted). */
  static DiskSpec xmDisk(String spec) {
    String[] d = spec.split(",", -1);
    if (d.length < 3 || d.length > 5) {
      throw XmException.badInput(
          "Invalid disk specifier: "
              + spec
              + " (expected 'UNAME,DEV,MODE', e.g. 'phy:hda6,sda2,w')");
    }
    String uname = d[0].trim();
    String dev = d[1].trim();
    String mode =
        switch (d[2].trim()) {
          case "r", "ro" -> "r";
          case "w", "rw" -> "w";
          case "w!" -> "w!";
          default ->
              throw XmException.badInput(
                  "Invalid mode '"
                      + d[2].trim()
                      + "' in disk specifier "
                      + spec
                      + " (use r, w or w!)");
        };
    checkUname(uname, spec);
    if (dev.isEmpty()) {
      throw XmException.badInput(
          "Invalid disk specifier: " + spec + " (the frontend device, e.g. xvda1, is missing)");
    }
    int backend = 0;
    if (d.length >= 4 && !d[3].trim().isEmpty()) {
      try {
        backend = Integer.parseInt(d[3].trim());
      } catch (NumberFormatException e) {
        throw XmException.badInput(
            "Invalid disk specifier: " + spec + " (backend domain must be a domain id)");
      }
    }
    return new DiskSpec(uname, dev, mode, backend);
  }

  /**
   * Fails unless {@code uname} is a disk backend xm knows ({@code phy:}, {@code file:}, {@code
   * tap:TYPE:}, or empty).
   */
  public static void checkSource(String uname) {
    checkUname(uname, uname);
  }

  static void checkUname(String uname, String spec) {
    if (uname.isEmpty()) {
      return;
    }
    int colon = uname.indexOf(':');
    String type = colon < 0 ? "" : uname.substring(0, colon);
    switch (type) {
      case "phy", "file" -> {
        if (uname.length() == colon + 1) {
          throw XmException.badInput(
              "Invalid disk specifier: " + spec + " (" + uname + " names no device or file)");
        }
      }
      case "tap" -> {
        String rest = uname.substring(colon + 1);
        int c2 = rest.indexOf(':');
        if (c2 < 0 || !TAP_TYPES.contains(rest.substring(0, c2)) || rest.length() == c2 + 1) {
          throw XmException.badInput(
              "Invalid disk specifier: "
                  + spec
                  + " (tap: backends look like tap:aio:/path; types: aio, sync, qcow, qcow2, vmdk, ram, ioemu)");
        }
      }
      default ->
          throw XmException.badInput(
              "Invalid disk specifier: "
                  + spec
                  + " (the backend '"
                  + uname
                  + "' must start with phy:, file: or tap:TYPE:)");
    }
  }

  /** Comma-separated {@code key=value}; an empty string is a vif with all defaults. */
  public static VifSpec vif(String spec) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : pairs(spec).entrySet()) {
      if (!VIF_KEYS.contains(e.getKey())) {
        throw XmException.badInput(
            "Invalid vif option: "
                + e.getKey()
                + " (valid: backend, bridge, ip, mac, script, type, vifname, rate, model, accel, policy, label)");
      }
      opts.put(e.getKey(), e.getValue());
    }
    VifSpec v = new VifSpec(opts);
    String problem = xm.hypervisor.VifRules.problem(v);
    if (problem != null) {
      throw XmException.badInput(problem);
    }
    return v;
  }

  public static VtpmSpec vtpm(String spec) {
    Map<String, String> kv = pairs(spec);
    int instance = -1;
    int backend = 0;
    for (Map.Entry<String, String> e : kv.entrySet()) {
      try {
        switch (e.getKey()) {
          case "instance" -> instance = Integer.parseInt(e.getValue());
          case "backend" -> backend = Integer.parseInt(e.getValue());
          default ->
              throw XmException.badInput(
                  "Invalid vtpm specifier: " + spec + " (keys: instance, backend)");
        }
      } catch (NumberFormatException ex) {
        throw XmException.badInput(
            "Invalid vtpm specifier: " + spec + " (" + e.getKey() + " must be a number)");
      }
    }
    if (instance == 0) {
      throw XmException.badInput("VM config error: vTPM instance must not be 0.");
    }
    return new VtpmSpec(instance, backend);
  }

  /** {@code policy=P,label=L}. */
  public static SecurityLabel accessControl(String spec) {
    String[] parts = spec.split(",");
    if (parts.length > 2) {
      throw XmException.badInput("Too many elements in access_control specifier: " + spec);
    }
    Map<String, String> kv = pairs(spec);
    for (String k : kv.keySet()) {
      if (!k.equals("policy") && !k.equals("label")) {
        throw XmException.badInput(
            "Invalid access_control specifier: " + spec + " (use 'policy=P,label=L')");
      }
    }
    if (!kv.containsKey("policy") || !kv.containsKey("label")) {
      throw XmException.badInput(
          "Invalid access_control specifier: " + spec + " (use 'policy=P,label=L')");
    }
    return new SecurityLabel(kv.get("policy"), kv.get("label"));
  }

  private static Map<String, String> pairs(String spec) {
    Map<String, String> out = new LinkedHashMap<>();
    String s = spec.trim();
    if (s.isEmpty()) {
      return out;
    }
    for (String b : s.split(",")) {
      int eq = b.indexOf('=');
      if (eq < 0) {
        throw XmException.badInput(b.trim() + " should be a pair, separated by an equals sign.");
      }
      out.put(b.substring(0, eq).trim(), b.substring(eq + 1).trim());
    }
    return out;
  }
}
