package xm.hypervisor;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import xm.diag.XmException;
import xm.files.AtomicFiles;
import xm.files.BoundedReads;

/**
 * The one global store of resource labels, {@code $XM_HOME/security/resource_labels}: canonical
 * resource name ({@code phy:/dev/hda6}, {@code file:/abs/path}, {@code vlan:N}) to ACM policy and
 * label, one line each ({@code resource ACM policy label}, tab-separated, sorted). Changes take the
 * store's lock ({@code resource_labels.lock}) and replace the file atomically; reads take no lock
 * and are bounded.
 */
public final class ResourceLabels {
  /** A resource's label: always of type ACM. */
  public record Entry(String resource, String policy, String label) {
    @Override
    public String toString() {
      return "ACM:" + policy + ":" + label;
    }
  }

  public static final int MAX_BYTES = 1 << 20;
  private static final Pattern NAME = Pattern.compile("[^\\s:]+");
  private final Path file;

  public ResourceLabels(Path xmHome) {
    this.file = xmHome.resolve("security").resolve("resource_labels");
  }

  public Path file() {
    return file;
  }

  /**
   * A resource named as the user may write it, in canonical form; a located error if it names no
   * resource type.
   */
  public static String canonical(String resource) {
    if (resource.length()
        > DomainLimits.MAX_PATH_BYTES + 16) { // a type, a colon and a path of at most PATH_MAX
      throw XmException.badInput(
          "invalid resource '"
              + resource.substring(0, 40)
              + "...': it is "
              + resource.length()
              + " characters long; a resource name has a path of at most "
              + DomainLimits.MAX_PATH_BYTES
              + " bytes");
    }
    int colon = resource.indexOf(':');
    String type = colon < 0 ? "" : resource.substring(0, colon);
    String rest = colon < 0 ? "" : resource.substring(colon + 1);
    if (rest.isEmpty()
        || rest.chars().anyMatch(c -> c < 0x20 || c == 0x7f || Character.isWhitespace(c))) {
      throw XmException.badInput(
          "invalid resource '"
              + resource
              + "': write phy:DEVICE, file:PATH or vlan:N, with no"
              + " spaces or control characters");
    }
    switch (type) {
      case "phy":
        if (rest.contains(":")) {
          throw XmException.badInput(
              "invalid resource '"
                  + resource
                  + "': a device name has no ':' (phy:hda6 or phy:/dev/hda6)");
        }
        return "phy:"
            + (rest.startsWith("/")
                ? Paths.get(rest).normalize()
                : Paths.get("/dev").resolve(rest).normalize());
      case "file":
      case "tap": // tap:aio:/path, tap:sync:/path, tap:qcow:/path name the file
        String path =
            type.equals("tap") && rest.indexOf(':') >= 0
                ? rest.substring(rest.indexOf(':') + 1)
                : rest;
        if (path.isEmpty()) {
          throw XmException.badInput(
              "invalid resource '" + resource + "': write phy:DEVICE, file:PATH or vlan:N");
        }
        return "file:" + Paths.get(path).toAbsolutePath().normalize();
      case "vlan":
        if (rest.matches("[0-9]{1,9}")
            && Integer.parseInt(rest) >= 1
            && Integer.parseInt(rest) <= 4094) {
          return "vlan:" + Integer.parseInt(rest);
        }
        throw XmException.badInput(
            "invalid resource '" + resource + "': a VLAN is vlan:N with N from 1 to 4094");
      default:
        throw XmException.badInput(
            "invalid resource '" + resource + "': write phy:DEVICE, file:PATH or vlan:N");
    }
  }

  /**
   * Every resource a domain with these devices uses: its disks (an empty CD-ROM drive uses none,
   * and a uname no label can name is left to the host's device checks) and the VLANs its vifs join.
   * The one enumeration every access decision reads (hosts, dry-run, the planner).
   */
  public static java.util.List<xm.acm.ResourceAccess.Use> uses(
      java.util.List<DiskSpec> disks, java.util.List<VifSpec> vifs) {
    java.util.List<xm.acm.ResourceAccess.Use> out = new java.util.ArrayList<>();
    for (DiskSpec d : disks) {
      if (!d.uname().isEmpty()) {
        String name;
        try {
          name = canonical(d.uname());
        } catch (XmException unnamed) {
          // no resource label can name it (a space, say), but it is still a resource the domain
          // uses: decided under its closest name (a file by the path it resolves to), so that a
          // policy never lets it pass unchecked; a labeled domain is refused it as unlabeled
          name = lenientName(d.uname());
        }
        out.add(new xm.acm.ResourceAccess.Use(d.uname(), name, xm.acm.ResourceAccess.Kind.BLOCK));
      }
    }
    for (VifSpec v : vifs) {
      vlanOf(v.option("bridge"))
          .ifPresent(
              vlan ->
                  out.add(
                      new xm.acm.ResourceAccess.Use(
                          vlan, vlan, xm.acm.ResourceAccess.Kind.NETWORK)));
    }
    return out;
  }

  /**
   * The name access decisions use for a disk {@link #canonical} refuses: a file or tap disk by its
   * absolute path (so a link to a labeled file finds that file's label), a device under /dev, and
   * anything else as written (no label has such a name, so a labeled domain is refused it).
   */
  static String lenientName(String uname) {
    int colon = uname.indexOf(':');
    String type = colon < 0 ? "" : uname.substring(0, colon);
    String rest = colon < 0 ? uname : uname.substring(colon + 1);
    try {
      if (type.equals("file") || type.equals("tap")) {
        String path =
            type.equals("tap") && rest.indexOf(':') >= 0
                ? rest.substring(rest.indexOf(':') + 1)
                : rest;
        return "file:" + Paths.get(path).toAbsolutePath().normalize();
      }
      if (type.equals("phy")) {
        return "phy:"
            + (rest.startsWith("/")
                ? Paths.get(rest).normalize()
                : Paths.get("/dev").resolve(rest).normalize());
      }
    } catch (java.nio.file.InvalidPathException unusable) {
      // as written
    }
    return "unnamed:" + uname;
  }

  /** {@link #uses(java.util.List, java.util.List)} of a domain's config. */
  public static java.util.List<xm.acm.ResourceAccess.Use> uses(DomainConfig c) {
    return uses(c.disks(), c.vifs());
  }

  /**
   * The network resource a vif joins: {@code vlan:N} when its bridge is a VLAN bridge named by
   * Linux's VLAN convention ({@code xenbr0.42}, {@code eth1.7}); a vif on any other bridge joins no
   * labeled network.
   */
  public static java.util.Optional<String> vlanOf(String bridge) {
    if (bridge == null) {
      return java.util.Optional.empty();
    }
    java.util.regex.Matcher m = VLAN_BRIDGE.matcher(bridge);
    if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 4094) {
      return java.util.Optional.empty(); // VLAN ids are 1..4094; xenbr0.0 and the like are no VLAN
    }
    return java.util.Optional.of("vlan:" + Integer.parseInt(m.group(1)));
  }

  /** The real path of an existing file (links resolved), or null when there is none. */
  public static String realPath(String path) {
    try {
      Path p = Paths.get(path);
      return Files.exists(p) ? p.toRealPath().toString() : null;
    } catch (IOException | java.nio.file.InvalidPathException | SecurityException e) {
      return null;
    }
  }

  private static final Pattern VLAN_BRIDGE = Pattern.compile(".+\\.([0-9]{1,4})");

  /** Every labeled resource by canonical name. */
  public Map<String, Entry> read() {
    return read(MAX_BYTES);
  }

  /**
   * {@link #read()} with another bound: changes read up to four times the bound, so that labels can
   * still be removed from a store that grew past it by hand.
   */
  private Map<String, Entry> read(int limit) {
    String text;
    try {
      text = new String(BoundedReads.read(file, limit), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new TreeMap<>();
    } catch (BoundedReads.TooLarge e) {
      throw XmException.error(
          file
              + ": the resource label store is larger than "
              + BoundedReads.describe(limit)
              + "; remove labels with 'xm rmlabel res RESOURCE' or fix the file");
    } catch (IOException e) {
      throw XmException.error("cannot read " + file + ": " + e.getMessage());
    }
    Map<String, Entry> out = new TreeMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String[] f = lines[i].split("\t", -1);
      if (f.length != 4
          || !f[1].equals("ACM")
          || !f[0].contains(":")
          || !NAME.matcher(f[2]).matches()
          || !NAME.matcher(f[3]).matches()) {
        throw XmException.error(
            file
                + ":"
                + (i + 1)
                + ": damaged resource label (expected RESOURCE<TAB>ACM<TAB>POLICY<TAB>LABEL);"
                + " fix or remove that line");
      }
      String canonical;
      try {
        canonical = canonical(f[0]);
      } catch (XmException e) {
        canonical = null;
      }
      if (!f[0].equals(canonical)) {
        throw XmException.error(
            file
                + ":"
                + (i + 1)
                + ": '"
                + f[0]
                + "' is not a resource name xm writes"
                + (canonical == null ? "" : " (it is " + canonical + ")")
                + "; fix or remove that line");
      }
      if (out.containsKey(f[0])) {
        throw XmException.error(
            file + ":" + (i + 1) + ": '" + f[0] + "' is labeled twice; keep one line for it");
      }
      out.put(f[0], new Entry(f[0], f[2], f[3]));
    }
    return out;
  }

  public java.util.Optional<Entry> get(String canonical) {
    return java.util.Optional.ofNullable(read().get(canonical));
  }

  /**
   * Changes the store under its lock: {@code change} edits the labels read, which are then written
   * back whole.
   */
  public void update(Consumer<Map<String, Entry>> change) {
    // threads of one process first take turns here: the OS lock is the process's (a second
    // FileChannel.lock in one JVM throws, and closing any descriptor of the file would drop it)
    java.util.concurrent.locks.ReentrantLock jvm =
        JVM_LOCKS.computeIfAbsent(
            file.toAbsolutePath().normalize(), f -> new java.util.concurrent.locks.ReentrantLock());
    jvm.lock();
    try {
      updateLocked(change);
    } finally {
      jvm.unlock();
    }
  }

  private static final Map<Path, java.util.concurrent.locks.ReentrantLock> JVM_LOCKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private void updateLocked(Consumer<Map<String, Entry>> change) {
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel ch =
              FileChannel.open(
                  file.resolveSibling("resource_labels.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        Map<String, Entry> labels = read(4 * MAX_BYTES);
        long before = Files.exists(file) ? Files.size(file) : 0;
        change.accept(labels);
        StringBuilder b = new StringBuilder();
        for (Entry e : labels.values()) {
          b.append(e.resource())
              .append("\tACM\t")
              .append(e.policy())
              .append('\t')
              .append(e.label())
              .append('\n');
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES && bytes.length >= before) {
          throw XmException.error(
              "the resource label store "
                  + file
                  + " is full ("
                  + labels.size()
                  + " labels, "
                  + BoundedReads.describe(bytes.length)
                  + " of at most "
                  + BoundedReads.describe(MAX_BYTES)
                  + "); remove labels with 'xm rmlabel res RESOURCE' first");
        }
        AtomicFiles.replace(file, bytes);
      }
    } catch (IOException e) {
      throw XmException.error("cannot write " + file + ": " + e.getMessage());
    }
  }
}
