package xm.hypervisor;

import java.util.List;
import java.util.Map;

/**
 * The one set of bounds on what a domain may be. A host checks them on every path that writes a
 * domain (create, restore, migration, mem-set, mem-max, vcpu-set, device attach, annotations) and
 * its state reader refuses what breaks them, so nothing can be stored that cannot be read back. The
 * numbers that differ between backends are the components; the others are facts of the guest's
 * world, the same everywhere.
 *
 * @param maxMemoryMiB the largest memory or maxmem of a domain
 * @param maxVcpus the most VCPUs a guest may be built with (Domain-0 has the host's CPUs)
 */
public record DomainLimits(long maxMemoryMiB, int maxVcpus) {
  /** A domain name: NAME_MAX, so a tool can name a file after a domain (xendomains does). */
  public static final int MAX_NAME_CHARS = 255;

  /** The kernel command line: Linux 2.6.18's x86 COMMAND_LINE_SIZE is 2048 bytes with its NUL. */
  public static final int MAX_CMDLINE_BYTES = 2047;

  /** A kernel or ramdisk path: Linux's PATH_MAX is 4096 bytes with its NUL. */
  public static final int MAX_PATH_BYTES = 4095;

  /**
   * Any other stored value (a device field, an extra, a label, a CPU list): xenstore's
   * XENSTORE_PAYLOAD_MAX.
   */
  public static final int MAX_VALUE_BYTES = 4096;

  /** The key of an extra, a vif option or an annotation. */
  public static final int MAX_KEY_BYTES = 256;

  /** Disks, vifs or vtpms of one domain, each. */
  public static final int MAX_DEVICES = 256;

  /** Extras of one domain; annotations of one domain. */
  public static final int MAX_ENTRIES = 256;

  /** An annotation value: room for a spec's path (PATH_MAX) and the command that set a hold. */
  public static final int MAX_ANNOTATION_BYTES = 8192;

  /** Options of one vif. */
  public static final int MAX_VIF_OPTIONS = 32;

  /**
   * All the text of one config together: keeps a state file, a save file and a migration bounded.
   */
  public static final int MAX_CONFIG_BYTES = 1 << 20;

  /**
   * Input sanity before any host's own ceiling: no backend builds a guest with more VCPUs, so a
   * number past it is a typo or an overflow, refused where it is written (spec or config line)
   * rather than narrowed. The host then applies its own {@link #maxVcpus}.
   */
  public static final int MAX_VCPUS_ANY_HOST = 4096;

  /**
   * Input sanity for memory and maxmem (MiB), the same on every backend: 4 TiB, Xen 3.4's ceiling.
   */
  public static final long MAX_MEMORY_MIB_ANY_HOST = 4_294_967_296L;

  /** Xen 3.4's: xend counted memory in KiB pages up to 4 TiB; MAX_VIRT_CPUS is 32. */
  public static final DomainLimits XEN_3_4 = new DomainLimits(MAX_MEMORY_MIB_ANY_HOST, 32);

  /**
   * What breaks a limit: the field (as a spec names it: name, kernel, cmdline, memory, maxmem,
   * maxvcpus, cpus, disks, vifs, vtpms, security, extras, annotations), which entry of a list or
   * map (-1 for a single value), and a message that says the value, the bound and the fix.
   */
  public record Violation(String field, int index, String message) {}

  /** These limits with another VCPU maximum (Domain-0 is built with every CPU of its host). */
  public DomainLimits withMaxVcpus(int n) {
    return new DomainLimits(maxMemoryMiB, n);
  }

  /** The first limit {@code c} breaks, or null. */
  public Violation violation(DomainConfig c) {
    if (c.name().length() > MAX_NAME_CHARS) {
      return new Violation(
          "name",
          -1,
          "the name is "
              + c.name().length()
              + " characters long; a name has at most "
              + MAX_NAME_CHARS);
    }
    if (!c.builder().equals("linux") && !c.builder().equals("hvm")) {
      return new Violation(
          "builder", -1, "builder must be 'linux' or 'hvm', not " + Uuids.shown(c.builder()));
    }
    Violation v = bytes("kernel", -1, c.kernel(), MAX_PATH_BYTES, "kernel path");
    v = v != null ? v : bytes("ramdisk", -1, c.ramdisk(), MAX_PATH_BYTES, "ramdisk path");
    v = v != null ? v : bytes("cmdline", -1, c.cmdline(), MAX_CMDLINE_BYTES, "kernel command line");
    if (v != null && v.field().equals("cmdline")) {
      return new Violation(
          "cmdline", -1, v.message() + " (Linux's COMMAND_LINE_SIZE); shorten extra, root or ip");
    }
    if (v != null) {
      return v;
    }
    for (String field : List.of("memory", "maxmem")) {
      long mib = field.equals("memory") ? c.memoryMiB() : c.maxmemMiB();
      if (mib > maxMemoryMiB) {
        return new Violation(
            field,
            -1,
            field
                + " "
                + mib
                + " MiB is more than a domain may have ("
                + maxMemoryMiB
                + " MiB); ask for less");
      }
    }
    if (c.maxVcpus() > maxVcpus) {
      return new Violation(
          "maxvcpus",
          -1,
          "maxvcpus "
              + c.maxVcpus()
              + " is more than a domain may have ("
              + maxVcpus
              + "); lower maxvcpus (and vcpus)");
    }
    v = bytes("cpus", -1, c.cpus(), MAX_VALUE_BYTES, "CPU list");
    if (v == null && c.cpus() != null && !c.cpus().isBlank()) {
      try {
        CpuSets.parse(c.cpus());
      } catch (xm.diag.XmException e) {
        v = new Violation("cpus", -1, e.getMessage());
      }
    }
    v = v != null ? v : count("disks", c.disks().size(), MAX_DEVICES);
    v = v != null ? v : count("vifs", c.vifs().size(), MAX_DEVICES);
    v = v != null ? v : count("vtpms", c.vtpms().size(), MAX_DEVICES);
    v = v != null ? v : count("extras", c.extras().size(), MAX_ENTRIES);
    if (v != null) {
      return v;
    }
    for (int i = 0; i < c.disks().size(); i++) {
      DiskSpec d = c.disks().get(i);
      for (String s : new String[] {d.uname(), d.dev(), d.mode()}) {
        v = v != null ? v : bytes("disks", i, s, MAX_VALUE_BYTES, "disk field");
      }
    }
    for (int i = 0; i < c.vifs().size() && v == null; i++) {
      int n = c.vifs().get(i).options().size();
      v =
          n <= MAX_VIF_OPTIONS
              ? null
              : new Violation(
                  "vifs",
                  i,
                  "a vif has " + n + " options; at most " + MAX_VIF_OPTIONS + " are allowed");
      v =
          v != null
              ? v
              : entries("vifs", i, c.vifs().get(i).options(), MAX_VALUE_BYTES, "vif option");
    }
    if (v == null && c.securityLabel() != null) {
      v = bytes("security", -1, c.securityLabel().policy(), MAX_VALUE_BYTES, "security policy");
      v =
          v != null
              ? v
              : bytes("security", -1, c.securityLabel().label(), MAX_VALUE_BYTES, "security label");
    }
    v = v != null ? v : entries("extras", -1, c.extras(), MAX_VALUE_BYTES, "extra");
    if (v == null && textBytes(c) > MAX_CONFIG_BYTES) {
      v =
          new Violation(
              "name",
              -1,
              "the config holds "
                  + textBytes(c)
                  + " bytes of text; at most "
                  + MAX_CONFIG_BYTES
                  + " are allowed (fewer devices or extras)");
    }
    return v;
  }

  /** About how many bytes {@code c} takes when stored: its text, and a little for each value. */
  private static long textBytes(DomainConfig c) {
    long n =
        256
            + utf8Length(c.name())
            + utf8Length(c.cmdline())
            + len(c.kernel())
            + len(c.ramdisk())
            + len(c.cpus());
    for (DiskSpec d : c.disks()) {
      n += 32 + len(d.uname()) + len(d.dev()) + len(d.mode());
    }
    for (VifSpec vif : c.vifs()) {
      n += 8 + mapBytes(vif.options());
    }
    n += 32L * c.vtpms().size() + mapBytes(c.extras());
    if (c.securityLabel() != null) {
      n += 32 + len(c.securityLabel().policy()) + len(c.securityLabel().label());
    }
    return n;
  }

  private static long mapBytes(Map<String, String> m) {
    long n = 0;
    for (Map.Entry<String, String> e : m.entrySet()) {
      n += 8 + len(e.getKey()) + len(e.getValue());
    }
    return n;
  }

  private static long len(String s) {
    return s == null ? 0 : utf8Length(s);
  }

  /** The first limit a domain's annotations break, or null. */
  public static Violation annotationViolation(Map<String, String> annotations) {
    Violation v = count("annotations", annotations.size(), MAX_ENTRIES);
    return v != null
        ? v
        : entries("annotations", -1, annotations, MAX_ANNOTATION_BYTES, "annotation");
  }

  private static Violation entries(
      String field, int index, Map<String, String> m, int maxValue, String what) {
    int i = 0;
    for (Map.Entry<String, String> e : m.entrySet()) {
      int at = index >= 0 ? index : i;
      Violation v =
          e.getKey() == null || e.getKey().isEmpty()
              ? new Violation(field, at, "a " + what + " needs a name")
              : bytes(field, at, e.getKey(), MAX_KEY_BYTES, what + " name");
      v =
          v != null
              ? v
              : bytes(field, at, e.getValue(), maxValue, what + " '" + shortKey(e.getKey()) + "'");
      if (v != null) {
        return v;
      }
      i++;
    }
    return null;
  }

  private static String shortKey(String k) {
    return k.length() <= 40 ? k : k.substring(0, 40) + "...";
  }

  private static Violation count(String field, int n, int max) {
    return n <= max
        ? null
        : new Violation(field, max, field + " has " + n + " entries; a domain has at most " + max);
  }

  private static Violation bytes(String field, int index, String s, int max, String what) {
    if (s != null && s.indexOf('\0') >= 0) {
      // no file name, device name or xenstore value can hold one; Java's paths refuse it too
      return new Violation(
          field, index, "the " + what + " holds a NUL character (\\x00); remove it");
    }
    if (s == null || s.length() <= max / 3) {
      return null; // no UTF-8 encoding of so few chars can be too long
    }
    long n = utf8Length(s);
    return n <= max
        ? null
        : new Violation(
            field,
            index,
            "the " + what + " is " + n + " bytes long; at most " + max + " are allowed");
  }

  /** The UTF-8 length of {@code s} without encoding it (it may be hundreds of megabytes). */
  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
