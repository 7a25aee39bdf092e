package xm.config;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xm.config.py.ConfigScript;
import xm.diag.Location;
import xm.diag.XmException;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.DomainNames;
import xm.hypervisor.LifecycleAction;
import xm.hypervisor.SecurityLabel;
import xm.hypervisor.Uuids;
import xm.hypervisor.VifSpec;
import xm.hypervisor.VtpmSpec;

/**
 * Turns xm create's option values into a {@link DomainConfig}, with xm's defaults and messages.
 * Every number is range-checked before it becomes a field: nothing is narrowed or wrapped silently.
 */
final class DomainMapper {
  /** The most memory (MiB) any host accepts (the host then checks its own limits). */
  static final long MAX_MEMORY_MIB = xm.hypervisor.DomainLimits.MAX_MEMORY_MIB_ANY_HOST;

  /** The most VCPUs any host accepts (the host then checks its own, 32 on Xen 3.4). */
  static final int MAX_VCPUS = xm.hypervisor.DomainLimits.MAX_VCPUS_ANY_HOST;

  /** The most network interfaces {@code nics} may ask for. */
  static final int MAX_NICS = 1024;

  private final Map<String, Object> v;
  private final Map<String, Location> where;
  private final Set<String> fromCmdline;
  private final Path cwd;
  private final String defaultName;

  DomainMapper(
      Map<String, Object> values,
      Map<String, Location> where,
      Set<String> fromCmdline,
      Path cwd,
      String defaultName) {
    this.v = values;
    this.where = where;
    this.fromCmdline = fromCmdline;
    this.cwd = cwd;
    this.defaultName = defaultName;
  }

  DomainConfig map() {
    String name = string("name", defaultName);
    if (!DomainNames.isValid(name)) {
      throw fail("name", "Invalid VM Name '" + name + "': use letters, digits and _ - . : / +");
    }
    String builder = string("builder", null);
    String type = string("type", null); // xl's name for it: hvm, pv or pvh
    if (type != null && !type.equals("hvm") && !type.equals("pv") && !type.equals("pvh")) {
      throw fail("type", "type must be 'hvm', 'pv' or 'pvh', not '" + type + "'");
    }
    String fromType = type == null ? null : type.equals("hvm") ? "hvm" : "linux";
    if (builder != null && fromType != null && !builder.equals(fromType)) {
      throw fail(
          "type",
          "type = '" + type + "' contradicts builder = '" + builder + "': keep one of them");
    }
    builder = builder != null ? builder : fromType != null ? fromType : "linux";
    if (!builder.equals("linux") && !builder.equals("hvm")) {
      throw fail("builder", "builder must be 'linux' or 'hvm', not '" + builder + "'");
    }
    String kernel = path("kernel", string("kernel", null));
    if (kernel == null && builder.equals("hvm")) {
      kernel = HVMLOADER; // an HVM guest boots Xen's firmware loader (xl implies it; xm wanted it
      // written)
    }
    if (kernel == null && v.get("bootloader") == null) {
      throw fail(
          "kernel", "No kernel specified: set kernel = '/boot/vmlinuz-...' (or a bootloader)");
    }
    long memory = integer("memory", 128);
    if (memory <= 0) {
      throw fail(
          "memory", "memory_dynamic_max must be greater than zero (memory = " + memory + ")");
    }
    atMost("memory", memory, 1, MAX_MEMORY_MIB);
    long maxmem = integer("maxmem", memory);
    atMost("maxmem", maxmem, 1, MAX_MEMORY_MIB);
    if (maxmem < memory) {
      throw fail(
          "maxmem",
          "memory_dynamic_max must be less than or equal to memory_static_max (memory = "
              + memory
              + " > maxmem = "
              + maxmem
              + ")");
    }
    long vcpuCount = integer("vcpus", 1);
    if (vcpuCount < 1) {
      throw fail("vcpus", "Zero or less VCPUs is invalid (vcpus = " + vcpuCount + ")");
    }
    int vcpus = (int) atMost("vcpus", vcpuCount, 1, MAX_VCPUS);
    int maxVcpus = (int) atMost("maxvcpus", integer("maxvcpus", vcpus), 1, MAX_VCPUS);
    if (maxVcpus < vcpus) {
      throw fail("maxvcpus", "vcpus (" + vcpus + ") cannot exceed maxvcpus (" + maxVcpus + ")");
    }
    int online = vcpus;
    if (v.get("vcpu_avail") != null) {
      long mask = atMost("vcpu_avail", integer("vcpu_avail", 0), 0, Long.MAX_VALUE);
      online = Long.bitCount(mask & ((1L << Math.min(63, maxVcpus)) - 1));
      if (online < 1) {
        throw fail("vcpu_avail", "vcpu_avail leaves no VCPU online");
      }
      if (!v.containsKey("maxvcpus")) {
        maxVcpus = vcpus;
      }
    }
    String cpus = v.get("cpus") == null ? null : cpuList(v.get("cpus"));
    List<DiskSpec> disks = new ArrayList<>();
    for (String s : list("disk")) {
      disks.add(at("disk", () -> DeviceSpecs.disk(s)));
    }
    List<VifSpec> vifs = new ArrayList<>();
    for (String s : list("vif")) {
      vifs.add(at("vif", () -> DeviceSpecs.vif(s)));
    }
    long nics = atMost("nics", integer("nics", -1), -1, MAX_NICS);
    while (nics > vifs.size()) {
      vifs.add(new VifSpec(Map.of()));
    }
    List<VtpmSpec> vtpms = new ArrayList<>();
    for (String s : list("vtpm")) {
      vtpms.add(at("vtpm", () -> DeviceSpecs.vtpm(s)));
    }
    List<String> ac = list("access_control");
    if (ac.size() > 1) {
      throw fail("access_control", "Multiple access_control definitions.");
    }
    SecurityLabel label =
        ac.isEmpty() ? null : at("access_control", () -> DeviceSpecs.accessControl(ac.get(0)));
    Map<String, String> extras = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : v.entrySet()) {
      // nics is not kept: it became vifs above, and kept it would add them again on the way back
      if (!CfgKeys.MODELLED.contains(e.getKey())
          && !e.getKey().equals("nics")
          && e.getValue() != null
          && !(e.getKey().equals("type")
              && !"pvh".equals(e.getValue()))) { // hvm and pv became the builder
        Object value = e.getValue();
        extras.put(
            e.getKey(),
            value instanceof String s ? s : at(e.getKey(), () -> ConfigScript.repr(value)));
      }
    }
    String uuid = string("uuid", null);
    if (uuid != null && !Uuids.isValid(uuid)) {
      throw fail("uuid", Uuids.problem(uuid));
    }
    try {
      return new DomainConfig(
          name,
          uuid,
          builder,
          kernel,
          path("ramdisk", string("ramdisk", null)),
          cmdline(),
          memory,
          maxmem,
          online,
          Math.max(maxVcpus, online),
          cpus,
          action("on_poweroff", false),
          action("on_reboot", false),
          action("on_crash", true),
          disks,
          vifs,
          vtpms,
          label,
          extras);
    } catch (IllegalArgumentException e) {
      throw fail("name", e.getMessage());
    }
  }

  /** Xen's HVM firmware loader, which an HVM config without a kernel boots. */
  static final String HVMLOADER = "/usr/lib/xen/boot/hvmloader";

  private String cmdline() {
    String xl = string("cmdline", null); // xl's whole command line, instead of root and extra
    if (xl != null) {
      if (v.get("root") != null || v.get("extra") != null) {
        throw fail(
            "cmdline",
            "cmdline (xl's) and root/extra (xm's) both set the kernel command line: keep one");
      }
      return xl;
    }
    List<String> parts = new ArrayList<>();
    String ip = string("ip", "");
    String dhcp = string("dhcp", "off");
    if (!ip.isEmpty() || !dhcp.equals("off")) {
      String nfs = string("nfs_server", null);
      parts.add(
          "ip="
              + ip
              + ":"
              + (nfs == null ? "127.0.255.255" : nfs)
              + ":"
              + string("gateway", "")
              + ":"
              + string("netmask", "")
              + ":"
              + string("hostname", "")
              + ":"
              + string("interface", "eth0")
              + ":"
              + dhcp);
    }
    String root = string("root", "");
    if (!root.isEmpty()) {
      parts.add("root=" + (root.startsWith("root=") ? root.substring(5) : root));
    }
    String nfsRoot = string("nfs_root", null);
    if (nfsRoot != null) {
      String server = string("nfs_server", null);
      if (server == null) {
        throw fail("nfs_root", "Must set nfs root and nfs server");
      }
      parts.add("nfsroot=" + server + ":" + nfsRoot);
    }
    String extra = string("extra", "");
    if (!extra.isEmpty()) {
      parts.add(extra);
    }
    return String.join(" ", parts);
  }

  private LifecycleAction action(String key, boolean crash) {
    String s = string(key, null);
    if (s == null) {
      return null;
    }
    LifecycleAction a = LifecycleAction.parse(s);
    boolean coredump =
        a == LifecycleAction.COREDUMP_DESTROY || a == LifecycleAction.COREDUMP_RESTART;
    if (a == null || (coredump && !crash)) {
      throw fail(
          key,
          "Invalid value for "
              + key
              + ": '"
              + s
              + "' (use destroy, restart, preserve or rename-restart"
              + (crash ? ", coredump-destroy or coredump-restart" : "")
              + ")");
    }
    return a;
  }

  private String cpuList(Object o) {
    if (o instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      for (Object x : l) {
        parts.add(at("cpus", () -> ConfigScript.str(x)));
      }
      return String.join(",", parts);
    }
    String s = at("cpus", () -> ConfigScript.str(o));
    at("cpus", () -> xm.hypervisor.CpuSets.parse(s));
    return s;
  }

  private String path(String key, String p) {
    if (p == null || p.isEmpty()) {
      return null;
    }
    if (p.indexOf('\0') >= 0) {
      throw fail(key, key + " holds a NUL character (\\x00), which no path may hold; remove it");
    }
    return cwd.resolve(p).normalize().toString();
  }

  private String string(String key, String dflt) {
    Object o = v.get(key);
    if (o == null) {
      return dflt;
    }
    if (o instanceof List<?> || o instanceof Map<?, ?>) {
      throw fail(key, key + " must be a string, not a list");
    }
    return at(key, () -> ConfigScript.str(o));
  }

  private long integer(String key, long dflt) {
    Object o = v.get(key);
    if (o == null) {
      return dflt;
    }
    if (o instanceof Long l) {
      return l;
    }
    if (o instanceof Double d) {
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw fail(key, key + " must be a whole number, not " + ConfigScript.repr(d));
      }
      if (d >= 0x1p63 || d < -0x1p63) {
        throw fail(key, key + " must be between " + range(key) + ", not " + d);
      }
      return d.longValue();
    }
    if (o instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (o instanceof String s) {
      String t = s.trim();
      BigInteger n;
      try {
        // ASCII digits only: BigInteger also reads other scripts' digits ('٦٤' is 64), Python 2 did
        // not
        n =
            t.length() > 100 || !t.chars().allMatch(c -> c < 0x80)
                ? null
                : t.startsWith("0x") ? new BigInteger(t.substring(2), 16) : new BigInteger(t);
      } catch (NumberFormatException e) {
        n = null;
      }
      if (n == null) {
        throw fail(key, key + " must be a whole number, not " + ConfigScript.brief(s));
      }
      if (n.bitLength() > 63) {
        throw fail(key, key + " must be between " + range(key) + ", not " + t);
      }
      return n.longValue();
    }
    throw fail(key, key + " must be a whole number");
  }

  /** The range of a numeric option, for a number too large even for 64 bits. */
  private static String range(String key) {
    return switch (key) {
      case "memory", "maxmem" -> "1 and " + MAX_MEMORY_MIB;
      case "vcpus", "maxvcpus" -> "1 and " + MAX_VCPUS;
      case "nics" -> "-1 and " + MAX_NICS;
      case "vcpu_avail" -> "0 and " + Long.MAX_VALUE;
      default -> Long.MIN_VALUE + " and " + Long.MAX_VALUE;
    };
  }

  /** {@code n} if it is within [min, max]; else the error naming where {@code key} was set. */
  private long atMost(String key, long n, long min, long max) {
    if (n < min || n > max) {
      throw fail(key, key + " must be between " + min + " and " + max + ", not " + n);
    }
    return n;
  }

  private List<String> list(String key) {
    Object o = v.get(key);
    if (o == null) {
      return List.of();
    }
    List<Object> items;
    if (o instanceof List<?> l) {
      items = new ArrayList<>(l);
    } else if (o instanceof String s) {
      items = List.of(s);
    } else {
      items = xm.config.py.ConfigScript.items(o);
      if (items == null) {
        throw fail(key, key + " must be a list of strings, e.g. " + key + " = [ '...' ]");
      }
    }
    List<String> out = new ArrayList<>();
    for (Object x : items) {
      if (!(x instanceof String s)) {
        throw fail(key, key + " entries must be strings, not " + ConfigScript.brief(x));
      }
      out.add(s);
    }
    return out;
  }

  private <T> T at(String key, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (XmException e) {
      throw fail(key, e.getMessage());
    }
  }

  private XmException fail(String key, String message) {
    if (fromCmdline.contains(key)) {
      return XmException.badInput("command line " + key + "=...: " + message);
    }
    Location loc = where.get(key);
    return loc == null ? XmException.badInput(message) : XmException.badInput(loc, message);
  }
}
