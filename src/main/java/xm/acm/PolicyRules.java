package xm.acm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xm.diag.XmException;

/**
 * Turns a schema-valid policy tree into a {@link SecurityPolicy}, applying the rules the schema
 * cannot say (XM-FACTS "Access control"): no {@code :} in the policy or a label name, no duplicate
 * type, conflict set or label names, every type a label or conflict set uses is declared (conflict
 * sets name Chinese Wall types), and the bootstrap label is a VM label. The first broken rule ends
 * the read, located at the element that breaks it.
 */
final class PolicyRules {
  private PolicyRules() {}

  static SecurityPolicy policy(XmlNode root) {
    XmlNode header = root.child("PolicyHeader").orElseThrow();
    XmlNode nameNode = header.child("PolicyName").orElseThrow();
    String name = nameNode.text();
    if (name.isEmpty()) {
      throw XmException.badInput(nameNode.where(), "rule: the policy name is empty");
    }
    noColon(nameNode, "policy name", name);
    String version = header.child("Version").orElseThrow().text();
    Optional<PolicyRef> from =
        header
            .child("FromPolicy")
            .map(
                f ->
                    new PolicyRef(
                        f.child("PolicyName").orElseThrow().text(),
                        f.child("Version").orElseThrow().text()));

    List<String> ste =
        declared(
            root.child("SimpleTypeEnforcement").flatMap(s -> s.child("SimpleTypeEnforcementTypes")),
            "STE type");
    Optional<XmlNode> cw = root.child("ChineseWall");
    List<String> chwall =
        declared(cw.flatMap(c -> c.child("ChineseWallTypes")), "Chinese Wall type");

    List<ConflictSet> conflicts = new ArrayList<>();
    Map<String, XmlNode> conflictNames = new HashMap<>();
    for (XmlNode c :
        cw.flatMap(n -> n.child("ConflictSets")).map(n -> n.all("Conflict")).orElse(List.of())) {
      String cname = c.attribute("name").orElseThrow();
      unique(conflictNames, cname, c, "conflict set");
      conflicts.add(
          new ConflictSet(cname, used(c, chwall, "conflict set " + cname, "Chinese Wall type")));
    }

    XmlNode template = root.child("SecurityLabelTemplate").orElseThrow();
    List<VmLabel> vms = new ArrayList<>();
    Map<String, XmlNode> vmNames = new HashMap<>();
    Optional<XmlNode> subjects = template.child("SubjectLabels");
    for (XmlNode l : subjects.map(s -> s.all("VirtualMachineLabel")).orElse(List.of())) {
      XmlNode n = label(l, vmNames, "VM label");
      vms.add(
          new VmLabel(
              n.text(),
              usedIn(l, "SimpleTypeEnforcementTypes", ste, n.text(), "STE type"),
              usedIn(l, "ChineseWallTypes", chwall, n.text(), "Chinese Wall type"),
              n.attribute("from")));
    }
    List<ResourceLabel> resources = new ArrayList<>();
    Map<String, XmlNode> resNames = new HashMap<>();
    for (XmlNode l :
        template.child("ObjectLabels").map(s -> s.all("ResourceLabel")).orElse(List.of())) {
      XmlNode n = label(l, resNames, "resource label");
      resources.add(
          new ResourceLabel(
              n.text(),
              usedIn(l, "SimpleTypeEnforcementTypes", ste, n.text(), "STE type"),
              n.attribute("from")));
    }

    if (subjects.isEmpty()) {
      throw XmException.badInput(
          template.where(),
          "rule: a policy needs SubjectLabels with a bootstrap label (Domain-0's)");
    }
    String bootstrap = subjects.get().attribute("bootstrap").orElseThrow();
    if (!vmNames.containsKey(bootstrap)) {
      throw XmException.badInput(
          subjects.get().where(),
          "rule: the bootstrap label '" + bootstrap + "' is not a VM label of the policy");
    }
    return new SecurityPolicy(
        name, version, ste, chwall, conflicts, vms, resources, bootstrap, from);
  }

  private static XmlNode label(XmlNode label, Map<String, XmlNode> seen, String what) {
    XmlNode n = label.child("Name").orElseThrow();
    if (n.text().isEmpty()) {
      throw XmException.badInput(n.where(), "rule: a " + what + " has an empty name");
    }
    noColon(n, what, n.text());
    unique(seen, n.text(), n, what);
    return n;
  }

  private static List<String> declared(Optional<XmlNode> types, String what) {
    Map<String, XmlNode> seen = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (XmlNode t : types.map(n -> n.all("Type")).orElse(List.of())) {
      if (t.text().isEmpty()) {
        throw XmException.badInput(t.where(), "rule: an empty " + what + " is declared");
      }
      unique(seen, t.text(), t, what);
      out.add(t.text());
    }
    return out;
  }

  /**
   * The types of every {@code list} child of {@code label}; an empty {@code <Type/>} (Xen's DEFAULT
   * policy has them) means none.
   */
  private static List<String> usedIn(
      XmlNode label, String list, List<String> declared, String owner, String what) {
    List<String> out = new ArrayList<>();
    for (XmlNode l : label.all(list)) {
      for (String t : used(l, declared, "label " + owner, what)) {
        if (!out.contains(t)) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private static List<String> used(XmlNode list, List<String> declared, String owner, String what) {
    List<String> out = new ArrayList<>();
    for (XmlNode t : list.all("Type")) {
      if (t.text().isEmpty()) {
        continue;
      }
      if (!declared.contains(t.text())) {
        throw XmException.badInput(
            t.where(),
            "rule: "
                + owner
                + " uses "
                + what
                + " '"
                + t.text()
                + "', which the policy does not declare");
      }
      out.add(t.text());
    }
    return out;
  }

  private static void unique(Map<String, XmlNode> seen, String name, XmlNode node, String what) {
    XmlNode first = seen.putIfAbsent(name, node);
    if (first != null) {
      throw XmException.badInput(
          node.where(),
          "rule: duplicate "
              + what
              + " '"
              + name
              + "' (first at line "
              + first.where().line()
              + ")");
    }
  }

  private static void noColon(XmlNode node, String what, String name) {
    if (name.indexOf(':') >= 0) {
      throw XmException.badInput(
          node.where(), "rule: a " + what + " may not contain ':' ('" + name + "')");
    }
  }
}
