package xm.hypervisor.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import xm.acm.PolicyPaths;
import xm.acm.PolicyXml;
import xm.acm.SecurityPolicy;
import xm.diag.XmException;

/**
 * The host's active access-control policy, kept under the host's directory: a copy of the policy
 * XML ({@code acm-<name>.xml}, as {@link PolicyXml#write} writes it) and a one-line record {@code
 * acm-active} ({@code policy <name>}) naming it. Both are written atomically, the XML first: the
 * record is what makes a policy active. No record: no active policy (a host starts without ACM).
 * Read back through {@link PolicyXml#read}, so a damaged copy is a located error.
 */
final class AcmFiles {
  static final String RECORD = "acm-active";
  private static final int MAX_RECORD_BYTES = 4096;

  private AcmFiles() {}

  static Optional<SecurityPolicy> active(StateStore store) {
    Path record = store.file(RECORD);
    String text;
    try {
      if (Files.size(record) > MAX_RECORD_BYTES) {
        throw XmException.error(
            record
                + ": the active-policy record is damaged (larger than "
                + MAX_RECORD_BYTES
                + " bytes); load a policy again with 'xm loadpolicy POLICY'");
      }
      text = Files.readString(record, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw StateStore.unavailable("cannot read " + record + ": " + StateStore.reason(e));
    }
    if (!text.startsWith("policy ")) {
      throw XmException.error(
          record
              + ":1: the active-policy record is damaged (expected 'policy NAME'); load a policy"
              + " again with 'xm loadpolicy POLICY'");
    }
    String name = text.substring("policy ".length()).strip();
    try {
      PolicyPaths.checkName(name);
    } catch (XmException e) {
      throw XmException.error(
          record + ":1: the active-policy record is damaged: " + e.getMessage());
    }
    SecurityPolicy p = read(store.file(xmlName(name)));
    if (!p.name().equals(name)) {
      throw XmException.error(
          store.file(xmlName(name))
              + ": the active policy copy names policy "
              + p.name()
              + ", not "
              + name
              + "; load a policy again with 'xm loadpolicy POLICY'");
    }
    return Optional.of(p);
  }

  /** A policy copy as last parsed, with the identity of the file it came from. */
  private record Parsed(
      Object fileKey,
      java.nio.file.attribute.FileTime modified,
      long size,
      SecurityPolicy policy) {}

  private static final java.util.concurrent.ConcurrentHashMap<Path, Parsed> PARSED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The policy in {@code xml}, parsed (and schema-checked) once per version of the file: every
   * create, restore and unpause under a policy asks for it, and the copy is only ever replaced
   * whole (a new file, renamed), so its identity says whether it changed.
   */
  private static SecurityPolicy read(Path xml) {
    java.nio.file.attribute.BasicFileAttributes a;
    try {
      a = Files.readAttributes(xml, java.nio.file.attribute.BasicFileAttributes.class);
    } catch (IOException e) {
      return PolicyXml.read(xml); // let the reader report it as it does
    }
    Parsed known = PARSED.get(xml);
    if (known != null
        && a.fileKey() != null
        && a.fileKey().equals(known.fileKey())
        && a.lastModifiedTime().equals(known.modified())
        && a.size() == known.size()) {
      return known.policy();
    }
    SecurityPolicy p = PolicyXml.read(xml);
    PARSED.put(xml, new Parsed(a.fileKey(), a.lastModifiedTime(), a.size(), p));
    return p;
  }

  static void activate(StateStore store, SecurityPolicy p) {
    store.writeAtomically(xmlName(p.name()), PolicyXml.write(p));
    store.writeAtomically(RECORD, "policy " + p.name() + "\n");
  }

  static String xmlName(String policy) {
    return "acm-" + PolicyPaths.checkName(policy) + ".xml";
  }

  static final String MENU = "boot/menu.lst";
  static final String KERNEL_VERSION = "2.6.18.8-xen";
  private static final long MAX_MENU_BYTES = 64 << 10;

  /** The minimal GRUB menu a simulated host boots from (made on first use). */
  static String defaultMenu() {
    return "default 0\ntimeout 5\n\ntitle Xen 3.0 / XenLinux "
        + KERNEL_VERSION
        + "\n\troot (hd0,0)\n"
        + "\tkernel /boot/xen.gz\n\tmodule /boot/vmlinuz-"
        + KERNEL_VERSION
        + " root=/dev/sda1 ro\n"
        + "\tmodule /boot/initrd-"
        + KERNEL_VERSION
        + ".img\n";
  }

  /**
   * Rewrites the boot menu so that the entry for {@code kernelVersion} (null: the first entry)
   * loads {@code /boot/<policy>.bin} as its last module, replacing any policy module it had.
   */
  static String setBootPolicy(StateStore store, SecurityPolicy p, String kernelVersion) {
    Path menu = store.file(MENU);
    String text;
    try {
      Files.createDirectories(menu.getParent());
      if (!Files.exists(menu)) {
        text = defaultMenu();
      } else if (Files.size(menu) > MAX_MENU_BYTES) {
        throw XmException.error(
            menu + ": the boot menu is larger than " + MAX_MENU_BYTES + " bytes; fix or remove it");
      } else {
        text = Files.readString(menu, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw StateStore.unavailable("cannot read " + menu + ": " + StateStore.reason(e));
    }
    BootMenu m = BootMenu.parse(menu.toString(), text);
    int e = m.entryFor(kernelVersion);
    if (e < 0) {
      throw XmException.badInput(
          menu
              + ": no boot entry "
              + (kernelVersion == null ? "with a kernel" : "for kernel version " + kernelVersion)
              + "; name one of its 'title' lines' kernel versions");
    }
    String title = m.entries.get(e).title();
    String bin = binName(p.name());
    // the binary's file is named after the policy's last part: refuse to swap the policy another
    // entry boots
    for (int other = 0; other < m.entries.size(); other++) {
      java.util.Optional<BootMenu.Line> module =
          other == e ? java.util.Optional.empty() : m.policyModule(other);
      if (module.isPresent() && module.get().args().get(0).equals("/boot/" + bin)) {
        java.util.Optional<String> owner = bootPolicyName(store, bin);
        if (owner.isPresent() && !owner.get().equals(p.name())) {
          throw XmException.error(
              m.where(module.get())
                  + ": entry '"
                  + m.entries.get(other).title()
                  + "' boots policy "
                  + owner.get()
                  + " from /boot/"
                  + bin
                  + ", the file "
                  + p.name()
                  + " would be written to; point that entry"
                  + " at the same policy, or remove its policy module first");
        }
      }
    }
    java.util.List<String> out = java.util.List.of(m.withPolicyModule(e, "\tmodule /boot/" + bin));
    // what the module line names: the binary (checked at boot) and the policy it was made from
    byte[] xml = PolicyXml.write(p).getBytes(StandardCharsets.UTF_8);
    store.writeAtomically(
        "boot/" + binName(p.name()),
        Pieces.of(xm.acm.PolicyBin.write(xm.acm.PolicyBin.compile(p, xml))));
    store.writeAtomically("boot/" + bootXmlName(p.name()), PolicyXml.write(p));
    store.writeAtomically(MENU, out.get(0));
    return title;
  }

  static String bootXmlName(String policy) {
    return binName(policy).replaceFirst("\\.bin$", "-security_policy.xml");
  }

  /**
   * The name of the policy whose binary {@code boot/<bin>} is, from the XML beside it, if readable.
   */
  private static java.util.Optional<String> bootPolicyName(StateStore store, String bin) {
    try {
      Path xml = store.file("boot/" + bin.replaceFirst("\\.bin$", "-security_policy.xml"));
      return Files.exists(xml)
          ? java.util.Optional.of(PolicyXml.read(xml).name())
          : java.util.Optional.empty();
    } catch (XmException damaged) {
      return java.util.Optional.empty();
    }
  }

  /** No policy active (a host booted without one). */
  static void deactivate(StateStore store) {
    try {
      Files.deleteIfExists(store.file(RECORD));
    } catch (IOException e) {
      throw StateStore.unavailable(
          "cannot remove " + store.file(RECORD) + ": " + StateStore.reason(e));
    }
  }

  /**
   * The policy the boot menu's default entry loads ({@code default N}, else the first entry; its
   * {@code module /boot/NAME.bin} line), read and checked as a boot would: the binary must be whole
   * and made from the policy beside it. Empty when the entry loads no policy.
   */
  static Optional<SecurityPolicy> bootPolicy(StateStore store) {
    Path menu = store.file(MENU);
    String text;
    try {
      if (!Files.exists(menu)) {
        return Optional.empty();
      }
      if (Files.size(menu) > MAX_MENU_BYTES) {
        throw XmException.error(
            menu + ": the boot menu is larger than " + MAX_MENU_BYTES + " bytes; fix or remove it");
      }
      text = Files.readString(menu, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw StateStore.unavailable("cannot read " + menu + ": " + StateStore.reason(e));
    }
    BootMenu m = BootMenu.parse(menu.toString(), text);
    if (m.entries.isEmpty()) {
      return Optional.empty();
    }
    java.util.Optional<BootMenu.Line> line = m.policyModule(m.defaultEntry());
    if (line.isEmpty()) {
      return Optional.empty();
    }
    String module = line.get().args().get(0);
    int moduleLine = line.get().number();
    String name = module.substring(module.lastIndexOf('/') + 1);
    if (!module.equals("/boot/" + name) || !name.matches("[A-Za-z0-9_-]+\\.bin")) {
      throw XmException.error(
          menu
              + ":"
              + moduleLine
              + ": the boot policy module must be /boot/NAME.bin, not '"
              + module
              + "'; set it with 'xm cfgbootpolicy POLICY'");
    }
    Path bin = store.file("boot/" + name);
    Path xml = store.file("boot/" + name.replaceFirst("\\.bin$", "-security_policy.xml"));
    try {
      byte[] xmlBytes = xm.files.BoundedReads.read(xml, 4 << 20);
      SecurityPolicy p = PolicyXml.read(xml.toString(), xmlBytes);
      try {
        xm.acm.PolicyBin.read(
            bin.toString(), xm.files.BoundedReads.read(bin, 8 << 20), xmlBytes, p.name());
      } catch (XmException damaged) { // it was put there by cfgbootpolicy, not makepolicy: say so
        throw XmException.error(
            damaged
                .getMessage()
                .replace(
                    "run 'xm makepolicy " + p.name() + "' again",
                    "set it again with 'xm cfgbootpolicy " + p.name() + "'"));
      }
      return Optional.of(p);
    } catch (NoSuchFileException e) {
      throw XmException.error(
          menu
              + ":"
              + moduleLine
              + ": the boot policy "
              + module
              + " is missing ("
              + e.getFile()
              + "); set it again with 'xm cfgbootpolicy POLICY'");
    } catch (IOException e) {
      throw XmException.error(
          "cannot read the boot policy "
              + bin
              + ": "
              + StateStore.reason(e)
              + "; set it again with 'xm cfgbootpolicy POLICY'");
    }
  }

  static String binName(String policy) {
    String[] parts = PolicyPaths.checkName(policy).split("\\.");
    return parts[parts.length - 1] + ".bin";
  }
}
