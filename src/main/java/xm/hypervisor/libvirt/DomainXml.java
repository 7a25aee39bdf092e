package xm.hypervisor.libvirt;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import xm.diag.XmException;
import xm.hypervisor.DeviceNumbers;
import xm.hypervisor.DiskSpec;
import xm.hypervisor.DomainConfig;
import xm.hypervisor.LifecycleAction;
import xm.hypervisor.SecurityLabel;
import xm.hypervisor.VifSpec;
import xm.hypervisor.VtpmSpec;

/**
 * The domain model as libvirt domain XML, both ways, with the JDK's DOM (no DTDs, no external
 * entities). Memory is KiB in libvirt and MiB in xm; {@code <vcpu current=N>M</vcpu>} holds vcpus
 * and maxvcpus; {@code file:} disks are file disks and {@code phy:} disks block disks; vifs are
 * bridge interfaces. What libvirt has no element for (the builder, extras, the ACM label, vtpms,
 * the uname as written) and whether xm manages the domain (its annotations) live in a namespaced
 * {@code <metadata>} element: {@link #NS}.
 */
public final class DomainXml {
  /** The namespace of xm's element under {@code <metadata>}. */
  public static final String NS = "https://xm.invalid/libvirt/1";

  /** A domain read back: its config, whether xm manages it, and xm's annotations on it. */
  public record Parsed(
      DomainConfig config,
      boolean managed,
      Map<String, String> annotations,
      Integer id,
      Map<Integer, String> pins) {
    public Parsed(DomainConfig config, boolean managed, Map<String, String> annotations) {
      this(config, managed, annotations, null, Map.of());
    }
  }

  private DomainXml() {}

  /**
   * The XML that defines {@code c} on a libvirt host of driver type {@code type} (test, qemu, kvm,
   * xen).
   */
  public static String write(
      DomainConfig c, String type, boolean managed, Map<String, String> annotations) {
    Document d = newBuilder().newDocument();
    Element dom = d.createElement("domain");
    dom.setAttribute("type", type);
    d.appendChild(dom);
    text(d, dom, "name", c.name());
    if (c.uuid() != null) {
      text(d, dom, "uuid", c.uuid());
    }
    Element mem = text(d, dom, "memory", Long.toString(c.maxmemMiB() * 1024));
    mem.setAttribute("unit", "KiB");
    Element cur = text(d, dom, "currentMemory", Long.toString(c.memoryMiB() * 1024));
    cur.setAttribute("unit", "KiB");
    Element vcpu = text(d, dom, "vcpu", Integer.toString(c.maxVcpus()));
    vcpu.setAttribute("current", Integer.toString(c.vcpus()));
    if (c.cpus() != null && !c.cpus().isBlank()) {
      vcpu.setAttribute("cpuset", c.cpus());
    }
    Element os = child(d, dom, "os");
    text(d, os, "type", type.equals("xen") && !c.isHvm() ? "linux" : "hvm");
    if (c.kernel() != null && !c.isHvm()) {
      text(d, os, "kernel", c.kernel());
    }
    if (c.ramdisk() != null && !c.isHvm()) {
      text(d, os, "initrd", c.ramdisk());
    }
    if (!c.cmdline().isEmpty() && !c.isHvm()) {
      text(d, os, "cmdline", c.cmdline());
    }
    if (!type.equals("xen") && !type.equals("test")) {
      // a PC guest has ACPI: shutdown is its power button, and VCPUs leave through ACPI eject
      Element features = child(d, dom, "features");
      child(d, features, "acpi");
      child(d, features, "apic");
    }
    text(d, dom, "on_poweroff", lifecycle(c.onPoweroff()));
    text(d, dom, "on_reboot", lifecycle(c.onReboot()));
    text(d, dom, "on_crash", lifecycle(c.onCrash()));
    Element devices = child(d, dom, "devices");
    Map<String, String> taken = new LinkedHashMap<>();
    for (DiskSpec disk : c.disks()) {
      String t = DiskTargets.toLibvirt(disk.dev(), type);
      String other = taken.putIfAbsent(t, disk.dev());
      if (other != null) {
        throw XmException.error(
            "Disks "
                + other
                + " and "
                + disk.dev()
                + " of "
                + c.name()
                + " would both be "
                + t
                + " on this "
                + type
                + " host: it gives a guest whole disks, not partitions; give each disk its own letter"
                + " (e.g. xvda and xvdb)");
      }
      devices.appendChild(disk(d, disk, type));
    }
    for (VifSpec v : c.vifs()) {
      devices.appendChild(vif(d, v));
    }
    if (!type.equals("xen") && !type.equals("test")) {
      // the console xm console attaches to (a Xen guest always has one): a serial port on a pty
      child(d, devices, "serial").setAttribute("type", "pty");
      child(d, devices, "console").setAttribute("type", "pty");
    }
    Element meta = child(d, dom, "metadata");
    Element xm = d.createElementNS(NS, "xm:xm");
    meta.appendChild(xm);
    if (managed) {
      xm.appendChild(d.createElementNS(NS, "xm:managed"));
    }
    for (Map.Entry<String, String> a : new TreeMap<>(annotations).entrySet()) {
      Element e = d.createElementNS(NS, "xm:annotation");
      e.setAttribute("key", a.getKey());
      e.setTextContent(a.getValue());
      xm.appendChild(e);
    }
    xm.setAttribute("builder", c.builder());
    xm.setAttribute("memory-kib", Long.toString(c.memoryMiB() * 1024)); // the balloon target xm set

    xm.setAttribute("on_reboot", c.onReboot().text());
    xm.setAttribute("on_crash", c.onCrash().text());
    xm.setAttribute("on_poweroff", c.onPoweroff().text());
    if (c.securityLabel() != null) {
      Element l = d.createElementNS(NS, "xm:security");
      l.setAttribute("policy", c.securityLabel().policy());
      l.setAttribute("label", c.securityLabel().label());
      xm.appendChild(l);
    }
    if (c.isHvm() && c.kernel() != null) {
      xm.setAttribute("kernel", c.kernel());
    }
    if (c.isHvm() && !c.cmdline().isEmpty()) {
      xm.setAttribute(
          "cmdline", c.cmdline()); // libvirt keeps a cmdline only beside a kernel it boots
    }
    for (DiskSpec disk : c.disks()) {
      Element e = d.createElementNS(NS, "xm:disk");
      e.setAttribute("dev", disk.dev());
      e.setAttribute("target", DiskTargets.toLibvirt(disk.dev(), type));
      e.setAttribute("uname", disk.uname());
      e.setAttribute("mode", disk.mode());
      xm.appendChild(e);
    }
    for (VifSpec v : c.vifs()) {
      Element e = d.createElementNS(NS, "xm:vif");
      for (Map.Entry<String, String> o : v.options().entrySet()) {
        Element opt = d.createElementNS(NS, "xm:opt");
        opt.setAttribute("key", o.getKey());
        opt.setTextContent(o.getValue());
        e.appendChild(opt);
      }
      xm.appendChild(e);
    }
    for (VtpmSpec t : c.vtpms()) {
      Element e = d.createElementNS(NS, "xm:vtpm");
      e.setAttribute("instance", Integer.toString(t.instance()));
      e.setAttribute("backend", Integer.toString(t.backendDomain()));
      xm.appendChild(e);
    }
    for (Map.Entry<String, String> x : c.extras().entrySet()) {
      Element e = d.createElementNS(NS, "xm:extra");
      e.setAttribute("key", x.getKey());
      e.setTextContent(x.getValue());
      xm.appendChild(e);
    }
    return serialize(d);
  }

  /**
   * xm's element alone, as libvirt's setMetadata wants it: bare, without namespace or prefix
   * (libvirt adds both, from the key and the URI it is given).
   */
  static String metadata(
      DomainConfig c, String type, boolean managed, Map<String, String> annotations) {
    String all = write(c, type, managed, annotations);
    int start = all.indexOf("<xm:xm");
    int close = all.indexOf("</xm:xm>", start);
    int end = close >= 0 ? close + "</xm:xm>".length() : all.indexOf("/>", start) + 2;
    return all.substring(start, end)
        .replace(" xmlns:xm=\"" + NS + "\"", "")
        .replace("<xm:", "<")
        .replace("</xm:", "</");
  }

  /**
   * One {@code <disk>} device (also what block-attach sends), its target named as a {@code type}
   * host names it.
   */
  static Element disk(Document d, DiskSpec disk, String type) {
    String uname = disk.uname();
    boolean block = uname.startsWith("phy:");
    String dev = DiskTargets.toLibvirt(disk.dev(), type);
    Element e = d.createElement("disk");
    e.setAttribute("type", block ? "block" : "file");
    e.setAttribute("device", disk.dev().endsWith(":cdrom") ? "cdrom" : "disk");
    if (!uname.isEmpty()) {
      Element src = child(d, e, "source");
      String path = uname.substring(uname.lastIndexOf(':') + 1);
      src.setAttribute(
          block ? "dev" : "file", block && !path.startsWith("/") ? "/dev/" + path : path);
    }
    Element target = child(d, e, "target");
    target.setAttribute("dev", dev);
    target.setAttribute("bus", DiskTargets.bus(dev));
    if (disk.mode().equals("r")) {
      child(d, e, "readonly");
    } else if (disk.mode().equals("w!")) {
      child(d, e, "shareable");
    }
    return e;
  }

  /** The XML of one disk device on a {@code type} host, for attach and detach. */
  public static String diskXml(DiskSpec disk, String type) {
    Document d = newBuilder().newDocument();
    d.appendChild(disk(d, disk, type));
    return serialize(d);
  }

  /** The XML of one interface device, for attach and detach. */
  public static String vifXml(VifSpec v) {
    Document d = newBuilder().newDocument();
    d.appendChild(vif(d, v));
    return serialize(d);
  }

  static Element vif(Document d, VifSpec v) {
    Element e = d.createElement("interface");
    e.setAttribute("type", "bridge");
    Element src = child(d, e, "source");
    src.setAttribute("bridge", v.option("bridge") != null ? v.option("bridge") : "xenbr0");
    if (v.option("mac") != null) {
      child(d, e, "mac")
          .setAttribute("address", v.option("mac").toLowerCase(java.util.Locale.ROOT));
    }
    if (v.option("model") != null) {
      child(d, e, "model").setAttribute("type", v.option("model"));
    }
    return e;
  }

  private static Document parse(String source, String xml) {
    try {
      return newBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (org.xml.sax.SAXException | java.io.IOException e) {
      throw XmException.error(
          source + ": libvirt returned domain XML xm cannot read: " + e.getMessage());
    }
  }

  /** {@code xml} (a domain's config) with its {@code <currentMemory>} set to {@code kib}. */
  static String withCurrentMemory(String source, String xml, long kib) {
    Document doc = parse(source, xml);
    Element dom = doc.getDocumentElement();
    Element cur = first(dom, "currentMemory");
    if (cur == null) {
      cur = doc.createElement("currentMemory");
      dom.insertBefore(
          cur,
          first(dom, "memory") == null
              ? dom.getFirstChild()
              : first(dom, "memory").getNextSibling());
    }
    cur.setAttribute("unit", "KiB");
    cur.setTextContent(Long.toString(kib));
    return serialize(doc);
  }

  /** Reads a domain's XML as libvirt reports it; {@code source} names it in errors. */
  public static Parsed read(String source, String xml) {
    Document doc = parse(source, xml);
    Element dom = doc.getDocumentElement();
    Element xm = xmElement(dom);
    String name = textOf(dom, "name");
    String uuid = textOf(dom, "uuid");
    long maxKiB = kib(first(dom, "memory"));
    Element curEl = first(dom, "currentMemory");
    long curKiB = curEl == null ? maxKiB : kib(curEl);
    Element vcpuEl = first(dom, "vcpu");
    int maxVcpus = vcpuEl == null ? 1 : Integer.parseInt(vcpuEl.getTextContent().strip());
    int vcpus =
        vcpuEl == null || vcpuEl.getAttribute("current").isEmpty()
            ? maxVcpus
            : Integer.parseInt(vcpuEl.getAttribute("current"));
    String cpus =
        vcpuEl == null || vcpuEl.getAttribute("cpuset").isEmpty()
            ? null
            : vcpuEl.getAttribute("cpuset");
    Element os = first(dom, "os");
    String builder =
        xm != null && !xm.getAttribute("builder").isEmpty()
            ? xm.getAttribute("builder")
            : os != null && "hvm".equals(textOf(os, "type")) && textOf(os, "kernel") == null
                ? "hvm"
                : "linux";
    String kernel = os == null ? null : textOf(os, "kernel");
    if (kernel == null && xm != null && !xm.getAttribute("kernel").isEmpty()) {
      kernel = xm.getAttribute("kernel");
    }
    String ramdisk = os == null ? null : textOf(os, "initrd");
    String cmdline = os == null ? null : textOf(os, "cmdline");
    if ((cmdline == null || cmdline.isEmpty())
        && xm != null
        && !xm.getAttribute("cmdline").isEmpty()) {
      cmdline = xm.getAttribute("cmdline");
    }
    Map<String, String[]> unames = new LinkedHashMap<>();
    Map<String, String> annotations = new TreeMap<>();
    Map<String, String> extras = new TreeMap<>();
    List<VtpmSpec> vtpms = new ArrayList<>();
    List<Map<String, String>> vifsAsGiven = new ArrayList<>();
    SecurityLabel label = null;
    boolean managed = false;
    if (xm != null) {
      for (Element e : children(xm)) {
        switch (e.getLocalName()) {
          case "managed" -> managed = true;
          case "annotation" -> annotations.put(e.getAttribute("key"), e.getTextContent());
          case "extra" -> extras.put(e.getAttribute("key"), e.getTextContent());
          case "disk" ->
              unames.put(
                  e.getAttribute("target").isEmpty()
                      ? e.getAttribute("dev")
                      : e.getAttribute("target"),
                  new String[] {
                    e.getAttribute("uname"), e.getAttribute("mode"), e.getAttribute("dev")
                  });
          case "vtpm" -> {
            if (e.getAttribute("instance").matches("-?[0-9]{1,9}")
                && e.getAttribute("backend").matches("[0-9]{1,9}")) {
              vtpms.add(
                  new VtpmSpec(
                      Integer.parseInt(e.getAttribute("instance")),
                      Integer.parseInt(e.getAttribute("backend"))));
            }
          }
          case "security" ->
              label = new SecurityLabel(e.getAttribute("policy"), e.getAttribute("label"));
          case "vif" -> {
            Map<String, String> o = new LinkedHashMap<>();
            for (Element opt : children(e)) {
              o.put(opt.getAttribute("key"), opt.getTextContent());
            }
            vifsAsGiven.add(o);
          }
          default -> {}
        }
      }
    }
    List<DiskSpec> disks = new ArrayList<>();
    List<VifSpec> vifs = new ArrayList<>();
    Element devices = first(dom, "devices");
    if (devices != null) {
      for (Element e : children(devices)) {
        if (e.getTagName().equals("disk")) {
          disks.add(diskOf(e, unames));
        } else if (e.getTagName().equals("interface")) {
          vifs.add(
              vifOf(e, vifs.size() < vifsAsGiven.size() ? vifsAsGiven.get(vifs.size()) : null));
        }
      }
    }
    LifecycleAction off = action(dom, "on_poweroff", xm);
    LifecycleAction reboot = action(dom, "on_reboot", xm);
    LifecycleAction crash = action(dom, "on_crash", xm);
    String target = xm == null ? "" : xm.getAttribute("memory-kib");
    if (curKiB == maxKiB && target.matches("[0-9]{1,15}") && Long.parseLong(target) < maxKiB) {
      // QEMU starts a guest with all of maxmem and the guest's balloon driver gives back the rest:
      // a guest still holding all of it has not taken xm's target yet (or has no driver). The
      // target is what was declared; the guest's delay is not drift.
      curKiB = Long.parseLong(target);
    }
    long memoryMiB = Math.max(1, (curKiB + 1023) / 1024);
    long maxmemMiB = Math.max(memoryMiB, (maxKiB + 1023) / 1024);
    DomainConfig c =
        new DomainConfig(
            name, uuid, builder, kernel, ramdisk, cmdline, memoryMiB, maxmemMiB, vcpus, maxVcpus,
            cpus, off, reboot, crash, disks, vifs, vtpms, label, extras);
    String idText = dom.getAttribute("id");
    Integer id =
        idText.matches("[0-9]{1,9}")
            ? Integer.valueOf(idText)
            : null; // live XML only: a running domain
    Map<Integer, String> pins = new TreeMap<>();
    Element cputune = first(dom, "cputune");
    if (cputune != null) {
      for (Element e : children(cputune)) {
        if (e.getTagName().equals("vcpupin") && e.getAttribute("vcpu").matches("[0-9]{1,4}")) {
          pins.put(Integer.valueOf(e.getAttribute("vcpu")), e.getAttribute("cpuset"));
        }
      }
    }
    return new Parsed(c, managed, annotations, id, pins);
  }

  private static DiskSpec diskOf(Element e, Map<String, String[]> unames) {
    Element target = first(e, "target");
    String dev = target == null ? "" : target.getAttribute("dev");
    Element src = first(e, "source");
    String path =
        src == null
            ? ""
            : !src.getAttribute("dev").isEmpty()
                ? src.getAttribute("dev")
                : src.getAttribute("file");
    boolean block = "block".equals(e.getAttribute("type"));
    String uname = path.isEmpty() ? "" : (block ? "phy:" : "file:") + path;
    String mode = first(e, "readonly") != null ? "r" : first(e, "shareable") != null ? "w!" : "w";
    String[] written = unames.get(dev);
    if (written != null && !path.isEmpty() && sameBackend(written[0], path)) {
      uname = written[0]; // as the spec or config wrote it (phy:hda1 rather than phy:/dev/hda1)
    }
    if (written != null
        && !written[2].isEmpty()
        && DiskTargets.toLibvirt(written[2], "qemu").equals(DiskTargets.toLibvirt(dev, "qemu"))) {
      dev = DeviceNumbers.baseName(written[2]); // the name xm was given (xvda1 for libvirt's vda)
    } else {
      dev = DiskTargets.toXm(dev);
    }
    if ("cdrom".equals(e.getAttribute("device"))) {
      dev = dev + ":cdrom";
    }
    return new DiskSpec(uname, dev, mode, 0);
  }

  private static boolean sameBackend(String uname, String path) {
    String p = uname.substring(uname.lastIndexOf(':') + 1);
    return p.equals(path) || ("/dev/" + p).equals(path);
  }

  /**
   * One interface: MAC, bridge and model from libvirt's elements; the options libvirt has no
   * element for (ip, script, vifname, rate...) from xm's record of the vif as given, which is the
   * interface at the same position when its MAC agrees. A model the record does not have is the
   * driver's default (QEMU adds rtl8139), not a change.
   */
  private static VifSpec vifOf(Element e, Map<String, String> given) {
    Map<String, String> o = new LinkedHashMap<>();
    Element mac = first(e, "mac");
    if (mac != null) {
      o.put("mac", mac.getAttribute("address"));
    }
    Element src = first(e, "source");
    if (src != null && !src.getAttribute("bridge").isEmpty()) {
      o.put("bridge", src.getAttribute("bridge"));
    }
    Element model = first(e, "model");
    boolean same =
        given != null
            && (given.get("mac") == null || given.get("mac").equalsIgnoreCase(o.get("mac")));
    if (model != null
        && !model.getAttribute("type").isEmpty()
        && (!same || given.containsKey("model"))) {
      o.put("model", model.getAttribute("type"));
    }
    if (same) {
      Map<String, String> all = new LinkedHashMap<>();
      given.forEach(
          (k, v) -> {
            if (!k.equals("mac") && !k.equals("bridge") && !k.equals("model")) {
              all.put(k, v);
            }
          });
      if (!given.containsKey("bridge") && "xenbr0".equals(o.get("bridge"))) {
        o.remove("bridge"); // the default xm wrote, as Xen's vif script picks the first bridge
      }
      if (given.get("mac") != null && o.get("mac") != null) {
        o.put("mac", given.get("mac")); // as written (libvirt lowercases it)
      }
      o.putAll(all);
    }
    return new VifSpec(o);
  }

  private static LifecycleAction action(Element dom, String tag, Element xm) {
    String written = xm == null ? "" : xm.getAttribute(tag);
    String libvirt = textOf(dom, tag);
    LifecycleAction a = LifecycleAction.parse(written);
    if (a != null && lifecycle(a).equals(libvirt == null ? lifecycle(a) : libvirt)) {
      return a; // rename-restart reads back as itself, not as libvirt's restart
    }
    LifecycleAction l = LifecycleAction.parse(libvirt);
    return l != null ? l : LifecycleAction.DESTROY;
  }

  private static String lifecycle(LifecycleAction a) {
    return a == LifecycleAction.RENAME_RESTART ? "rename-restart" : a.text();
  }

  private static long kib(Element e) {
    if (e == null) {
      return 1024;
    }
    long n = Long.parseLong(e.getTextContent().strip());
    return switch (e.getAttribute("unit").isEmpty() ? "KiB" : e.getAttribute("unit")) {
      case "b", "bytes" -> n / 1024;
      case "KiB", "k", "K" -> n;
      case "MiB", "M" -> n * 1024;
      case "GiB", "G" -> n * 1024 * 1024;
      default -> n;
    };
  }

  private static Element xmElement(Element dom) {
    Element meta = first(dom, "metadata");
    if (meta == null) {
      return null;
    }
    NodeList l = meta.getElementsByTagNameNS(NS, "xm");
    return l.getLength() == 0 ? null : (Element) l.item(0);
  }

  private static Element first(Element parent, String tag) {
    for (Element e : children(parent)) {
      if (e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  private static String textOf(Element parent, String tag) {
    Element e = first(parent, tag);
    return e == null ? null : e.getTextContent().strip();
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  private static Element child(Document d, Element parent, String tag) {
    Element e = d.createElement(tag);
    parent.appendChild(e);
    return e;
  }

  private static Element text(Document d, Element parent, String tag, String value) {
    Element e = child(d, parent, tag);
    e.setTextContent(value);
    return e;
  }

  private static final org.xml.sax.ErrorHandler SILENT =
      new org.xml.sax.ErrorHandler() {
        @Override
        public void warning(org.xml.sax.SAXParseException e) {}

        @Override
        public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
          throw e;
        }

        @Override
        public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
          throw e;
        }
      };

  /**
   * One builder per thread: making a factory looks services up, which costs more than a domain's
   * whole parse.
   */
  private static final ThreadLocal<DocumentBuilder> BUILDER =
      ThreadLocal.withInitial(DomainXml::makeBuilder);

  private static DocumentBuilder newBuilder() {
    DocumentBuilder b = BUILDER.get();
    b.reset();
    b.setErrorHandler(SILENT); // the parser's own handler prints "[Fatal Error]" lines to stderr
    return b;
  }

  private static DocumentBuilder makeBuilder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder();
    } catch (javax.xml.parsers.ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String serialize(Document d) {
    try {
      TransformerFactory tf = TransformerFactory.newInstance();
      tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer t = tf.newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      t.setOutputProperty(OutputKeys.INDENT, "yes");
      StringWriter w = new StringWriter();
      t.transform(new DOMSource(d), new StreamResult(w));
      return w.toString();
    } catch (javax.xml.transform.TransformerException e) {
      throw new IllegalStateException(e);
    }
  }
}
