package xm.acm;

import java.util.List;

/**
 * The {@code .map} text {@code makepolicy} writes beside a policy, laid out as Xen's {@code
 * acmpolicy.py} lays it out (the conformance suite compares it with Xen's for every reference
 * policy): the header with the policy's file names under {@code policyDir}, the label to ssid
 * tables, the ssid to type tables and the type numbers. Pure.
 */
public final class PolicyMap {
  /** Where Xen kept its policies; the directory the golden {@code .map} files name. */
  public static final String XEN_POLICY_DIR = "/var/lib/xend/security/policies";

  private PolicyMap() {}

  public static String render(SecurityPolicy p, String policyDir) {
    Ssids ssids = new Ssids(p);
    List<VmLabel> cwVms = ssids.chwallLabels();
    List<VmLabel> steVms = ssids.steLabels();
    List<ResourceLabel> res = p.steTypes().isEmpty() ? List.of() : ssids.resourceLabels();
    List<String> cwTypes = Ssids.sorted(p.chwallTypes());
    List<String> steTypes = Ssids.sorted(p.steTypes());
    String nullLabel =
        p.vmLabel(SecurityPolicy.UNLABELED).isPresent()
            ? SecurityPolicy.UNLABELED
            : "__NULL_LABEL__";

    StringBuilder m = new StringBuilder();
    String[] parts = p.name().split("\\.");
    String dir = String.join("/", List.of(parts).subList(0, parts.length - 1));
    String last = parts[parts.length - 1];
    m.append(String.format("POLICYREFERENCENAME    %s\n", p.name()));
    m.append(String.format("MAGIC                  %08x\n", 0x0001debc));
    m.append(
        String.format(
            "POLICFILE              %s/%s%s\n",
            policyDir, dir.isEmpty() ? "" : dir + "/", last + PolicyPaths.FILE_SUFFIX));
    m.append(String.format("BINARYFILE             %s/%s/%s.bin\n", policyDir, dir, last));
    m.append(String.format("MAX-CHWALL-TYPES       %08x\n", cwTypes.size()));
    m.append(String.format("MAX-CHWALL-SSIDS       %08x\n", cwVms.size() + 1));
    m.append(String.format("MAX-CHWALL-LABELS      %08x\n", cwVms.size() + 1));
    m.append(String.format("MAX-STE-TYPES          %08x\n", steTypes.size()));
    m.append(String.format("MAX-STE-SSIDS          %08x\n", steVms.size() + res.size() + 1));
    m.append(String.format("MAX-STE-LABELS         %08x\n", steVms.size() + res.size() + 1));
    m.append('\n');
    String primary = !cwTypes.isEmpty() ? "CHWALL" : !steTypes.isEmpty() ? "STE" : "NULL";
    String secondary = !cwTypes.isEmpty() && !steTypes.isEmpty() ? "STE" : "NULL";
    m.append(String.format("PRIMARY                %s\n", primary));
    m.append(String.format("SECONDARY              %s\n", secondary));
    m.append('\n');

    if (!cwVms.isEmpty()) {
      m.append(String.format("LABEL->SSID ANY CHWALL %-20s %x\n", nullLabel, 0));
      for (int i = 0; i < cwVms.size(); i++) {
        m.append(String.format("LABEL->SSID VM  CHWALL %-20s %x\n", cwVms.get(i).name(), i + 1));
      }
      m.append('\n');
    }
    if (!steVms.isEmpty() || !res.isEmpty()) {
      m.append(String.format("LABEL->SSID ANY STE    %-20s %08x\n", nullLabel, 0));
      int i = 1;
      for (VmLabel v : steVms) {
        m.append(String.format("LABEL->SSID VM  STE    %-20s %x\n", v.name(), i++));
      }
      for (ResourceLabel r : res) {
        m.append(String.format("LABEL->SSID RES STE    %-20s %x\n", r.name(), i++));
      }
      m.append('\n');
    }
    if (!cwVms.isEmpty()) {
      m.append(String.format("SSID->TYPE CHWALL      %08x\n", 0));
      for (int i = 0; i < cwVms.size(); i++) {
        m.append(String.format("SSID->TYPE CHWALL      %08x", i + 1))
            .append(joined(cwVms.get(i).chwallTypes()))
            .append('\n');
      }
      m.append('\n');
    }
    if (!steVms.isEmpty() || !res.isEmpty()) {
      m.append(String.format("SSID->TYPE STE         %08x\n", 0));
      int i = 1;
      for (VmLabel v : steVms) {
        m.append(String.format("SSID->TYPE STE         %08x", i++))
            .append(joined(v.steTypes()))
            .append('\n');
      }
      for (ResourceLabel r : res) {
        m.append(String.format("SSID->TYPE STE         %08x", i++))
            .append(joined(r.steTypes()))
            .append('\n');
      }
      m.append('\n');
    }
    for (int i = 0; i < cwTypes.size(); i++) {
      m.append(String.format("TYPE CHWALL            %-20s %d\n", cwTypes.get(i), i));
    }
    if (!cwTypes.isEmpty()) {
      m.append('\n');
    }
    for (int i = 0; i < steTypes.size(); i++) {
      m.append(String.format("TYPE STE               %-20s %d\n", steTypes.get(i), i));
    }
    if (!steTypes.isEmpty()) {
      m.append('\n');
    }
    m.append('\n');
    return m.toString();
  }

  private static String joined(List<String> types) {
    StringBuilder s = new StringBuilder();
    for (String t : types) {
      s.append(' ').append(t);
    }
    return s.toString();
  }
}
