package xm.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import xm.diag.XmException;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.SecurityLabel;
import xm.hypervisor.VifSpec;
import xm.hypervisor.VtpmSpec;

/** The xmdomain.cfg spellings of devices and labels: {@code 'phy:hda6,sda2,w'}, {@code 'mac=...,bridge=...'}. */
public final class DeviceSpecs {
  /** The keys a vif may have. */
  public static final Set<String> VIF_KEYS = Set.of(
      "backend", "bridge", "ip", "mac", "script", "type", "vifname", "rate", "model", "accel", "policy", "label",
      "uuid");
  private static final Set<String> TAP_TYPES = Set.of("aio", "sync", "qcow", "qcow2", "vmdk", "ram", "ioemu");

  private DeviceSpecs() {}

  /** {@code UNAME,DEV,MODE[,BACKEND[,PROTOCOL]]}; MODE is r, w or w! (ro and rw are accepted). */
  public static DiskSpec disk(String spec) {
    String[] d = spec.split(",", -1);
    if (d.length < 3 || d.length > 5) {
      throw XmException.badInput("Invalid disk specifier: " + spec + " (expected 'UNAME,DEV,MODE', e.g. 'phy:hda6,sda2,w')");
    }
    String uname = d[0].trim();
    String dev = d[1].trim();
    String mode = switch (d[2].trim()) {
      case "r", "ro" -> "r";
      case "w", "rw" -> "w";
      case "w!" -> "w!";
      default -> throw XmException.badInput("Invalid mode '" + d[2].trim() + "' in disk specifier " + spec + " (use r, w or w!)");
    };
    checkUname(uname, spec);
    if (dev.isEmpty()) {
      throw XmException.badInput("Invalid disk specifier: " + spec + " (the frontend device, e.g. xvda1, is missing)");
    }
    int backend = 0;
    if (d.length >= 4 && !d[3].trim().isEmpty()) {
      try {
        backend = Integer.parseInt(d[3].trim());
      } catch (NumberFormatException e) {
        throw XmException.badInput("Invalid disk specifier: " + spec + " (backend domain must be a domain id)");
      }
    }
    return new DiskSpec(uname, dev, mode, backend);
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
          throw XmException.badInput("Invalid disk specifier: " + spec + " (" + uname + " names no device or file)");
        }
      }
      case "tap" -> {
        String rest = uname.substring(colon + 1);
        int c2 = rest.indexOf(':');
        if (c2 < 0 || !TAP_TYPES.contains(rest.substring(0, c2)) || rest.length() == c2 + 1) {
          throw XmException.badInput("Invalid disk specifier: " + spec
              + " (tap: backends look like tap:aio:/path; types: aio, sync, qcow, qcow2, vmdk, ram, ioemu)");
        }
      }
      default -> throw XmException.badInput("Invalid disk specifier: " + spec
          + " (the backend '" + uname + "' must start with phy:, file: or tap:TYPE:)");
    }
  }

  /** Comma-separated {@code key=value}; an empty string is a vif with all defaults. */
  public static VifSpec vif(String spec) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : pairs(spec).entrySet()) {
      if (!VIF_KEYS.contains(e.getKey())) {
        throw XmException.badInput("Invalid vif option: " + e.getKey()
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
          default -> throw XmException.badInput("Invalid vtpm specifier: " + spec + " (keys: instance, backend)");
        }
      } catch (NumberFormatException ex) {
        throw XmException.badInput("Invalid vtpm specifier: " + spec + " (" + e.getKey() + " must be a number)");
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
        throw XmException.badInput("Invalid access_control specifier: " + spec + " (use 'policy=P,label=L')");
      }
    }
    if (!kv.containsKey("policy") || !kv.containsKey("label")) {
      throw XmException.badInput("Invalid access_control specifier: " + spec + " (use 'policy=P,label=L')");
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
