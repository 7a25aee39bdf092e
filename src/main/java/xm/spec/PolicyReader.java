package xm.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import xm.acm.ConflictSet;
import xm.acm.PolicyPaths;
import xm.acm.PolicyXml;
import xm.acm.ResourceLabel;
import xm.acm.SecurityPolicy;
import xm.acm.VmLabel;
import xm.diag.XmException;

/**
 * Reads a {@code kind: SecurityPolicy} document into an {@link SecurityPolicy}, with the rules
 * {@code xm.acm.PolicyRules} applies to XML (declared types, unique names, no ':', a VM label as
 * bootstrap) reported at the YAML node that breaks them.
 */
final class PolicyReader {
  private static final Pattern VERSION = Pattern.compile("[0-9]{1,8}\\.[0-9]{1,8}");

  private PolicyReader() {}

  static PolicyDoc read(Map<String, Node> top) {
    Node metaNode = top.get("metadata");
    Node specNode = top.get("spec");
    if (metaNode == null || specNode == null) {
      return null;
    }
    int before = metaNode.problems.size();
    Map<String, Node> meta = metaNode.fields("metadata", SpecSchema.POLICY_METADATA);
    Map<String, Node> s = specNode.fields("spec", SpecSchema.POLICY_SPEC);
    if (meta == null
        || s == null
        || !meta.containsKey("name")
        || !s.containsKey("version")
        || !s.containsKey("bootstrap")) {
      return null;
    }
    String name = meta.get("name").string("name");
    if (name != null) {
      try {
        PolicyPaths.checkName(name);
        if (name.contains(":")) {
          meta.get("name").problem("a policy name may not contain ':'");
        }
      } catch (XmException e) {
        meta.get("name").problem(e.getMessage());
      }
    }
    String version = s.get("version").string("version");
    if (version != null && !VERSION.matcher(version).matches()) {
      s.get("version")
          .problem(
              "version must be N.M (digits, a dot, digits; quote it: \"1.0\"), not "
                  + Node.quote(version));
    }
    List<String> ste = types(s.get("steTypes"), "steTypes", "STE type");
    List<String> cw = types(s.get("chineseWallTypes"), "chineseWallTypes", "Chinese Wall type");
    List<ConflictSet> sets = new ArrayList<>();
    Map<String, Node> setNames = new HashMap<>();
    for (Node item : list(s.get("conflictSets"), "conflictSets")) {
      Map<String, Node> f = item.fields("a conflict set", SpecSchema.CONFLICT_SET);
      if (f == null || !f.containsKey("name")) {
        continue;
      }
      String n = f.get("name").string("name");
      unique(setNames, n, f.get("name"), "conflict set");
      List<String> ts = used(f.get("types"), "types", cw, "conflict set " + n, "Chinese Wall type");
      sets.add(new ConflictSet(n == null ? "" : n, ts));
    }
    Map<String, Node> labelNames = new HashMap<>();
    List<VmLabel> vms = new ArrayList<>();
    for (Node item : list(s.get("vmLabels"), "vmLabels")) {
      Map<String, Node> f = item.fields("a VM label", SpecSchema.VM_LABEL);
      if (f == null || !f.containsKey("name")) {
        continue;
      }
      String n = labelName(f.get("name"), labelNames);
      vms.add(
          new VmLabel(
              n == null ? "" : n,
              used(f.get("steTypes"), "steTypes", ste, "label " + n, "STE type"),
              used(
                  f.get("chineseWallTypes"),
                  "chineseWallTypes",
                  cw,
                  "label " + n,
                  "Chinese Wall type"),
              from(f.get("from"))));
    }
    List<ResourceLabel> res = new ArrayList<>();
    for (Node item : list(s.get("resourceLabels"), "resourceLabels")) {
      Map<String, Node> f = item.fields("a resource label", SpecSchema.RESOURCE_LABEL);
      if (f == null || !f.containsKey("name")) {
        continue;
      }
      String n = labelName(f.get("name"), labelNames);
      res.add(
          new ResourceLabel(
              n == null ? "" : n,
              used(f.get("steTypes"), "steTypes", ste, "label " + n, "STE type"),
              from(f.get("from"))));
    }
    String bootstrap = s.get("bootstrap").string("bootstrap");
    if (bootstrap != null && vms.stream().noneMatch(v -> v.name().equals(bootstrap))) {
      s.get("bootstrap")
          .problem("the bootstrap label " + Node.quote(bootstrap) + " is not one of the vmLabels");
    }
    if (ste.isEmpty() && cw.isEmpty()) {
      specNode.problem("a policy declares steTypes, chineseWallTypes or both");
    }
    if (metaNode.problems.size() > before || name == null || version == null || bootstrap == null) {
      return null;
    }
    Optional<xm.acm.PolicyRef> from = Optional.empty();
    if (s.containsKey("fromPolicy")) {
      Map<String, Node> f = s.get("fromPolicy").fields("fromPolicy", SpecSchema.FROM_POLICY);
      if (f == null || !f.containsKey("name") || !f.containsKey("version")) {
        return null;
      }
      String fname = f.get("name").string("fromPolicy name");
      String fversion = f.get("version").string("fromPolicy version");
      if (fversion != null && !VERSION.matcher(fversion).matches()) {
        f.get("version")
            .problem("version must be N.M (quote it: \"1.0\"), not " + Node.quote(fversion));
        return null;
      }
      if (fname == null || fversion == null) {
        return null;
      }
      from = Optional.of(new xm.acm.PolicyRef(fname, fversion));
    }
    SecurityPolicy p = new SecurityPolicy(name, version, ste, cw, sets, vms, res, bootstrap, from);
    try {
      // what the XML schema and rules say beyond the checks above (the policy must be writable as
      // XML xm reads)
      PolicyXml.read(name, PolicyXml.write(p).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (XmException e) {
      String m = e.getMessage();
      specNode.problem("the policy is not valid: " + m.substring(m.indexOf(": ") + 2));
      return null;
    }
    List<String> hosts = new ArrayList<>();
    if (meta.containsKey("hosts")) {
      for (Node item : meta.get("hosts").items("hosts")) {
        String h = item.string("hosts entries");
        if (h != null && !xm.hypervisor.HostNames.isValid(h)) {
          item.problem(
              "invalid host name " + Node.quote(h) + ": use letters, digits, '.', '-' and '_'");
        } else if (h != null && hosts.contains(h)) {
          item.problem("host " + Node.quote(h) + " is listed twice");
        } else if (h != null) {
          hosts.add(h);
        }
      }
      if (metaNode.problems.size() > before) {
        return null;
      }
    }
    return new PolicyDoc(p, hosts, metaNode.location());
  }

  /**
   * A kind: ResourceLabel document: the resource (made canonical; file: paths must be absolute),
   * its policy and label.
   */
  static ResourceLabelDoc resourceLabel(Map<String, Node> top) {
    Node metaNode = top.get("metadata");
    Node specNode = top.get("spec");
    if (metaNode == null || specNode == null) {
      return null;
    }
    int before = metaNode.problems.size();
    Map<String, Node> meta = metaNode.fields("metadata", SpecSchema.RESOURCE_METADATA);
    Map<String, Node> s = specNode.fields("spec", SpecSchema.RESOURCE_SPEC);
    if (meta == null
        || s == null
        || !meta.containsKey("name")
        || !s.containsKey("policy")
        || !s.containsKey("label")) {
      return null;
    }
    String name = meta.get("name").string("name");
    String resource = null;
    if (name != null) {
      boolean relativeFile =
          (name.startsWith("file:") || name.startsWith("tap:"))
              && !name.substring(name.lastIndexOf(':') + 1).startsWith("/");
      if (relativeFile) {
        meta.get("name")
            .problem(
                "a file resource needs an absolute path (file:/path/to/image), not "
                    + Node.quote(name));
      } else {
        try {
          resource = xm.hypervisor.ResourceLabels.canonical(name);
        } catch (XmException e) {
          meta.get("name").problem(e.getMessage());
        }
      }
    }
    String policy = s.get("policy").string("policy");
    if (policy != null) {
      try {
        PolicyPaths.checkName(policy);
      } catch (XmException e) {
        s.get("policy").problem(e.getMessage());
      }
    }
    String label = s.get("label").string("label");
    if (label != null
        && (label.isEmpty()
            || label.contains(":")
            || label.chars().anyMatch(Character::isWhitespace))) {
      s.get("label")
          .problem("a label name is not empty and has no ':' or spaces, not " + Node.quote(label));
    }
    if (metaNode.problems.size() > before || resource == null || policy == null || label == null) {
      return null;
    }
    return new ResourceLabelDoc(resource, policy, label, metaNode.location());
  }

  /**
   * Entries of one list of a policy: at most {@link #MAX_ENTRIES}, checked before any is read (a
   * binary policy numbers labels and types in 16 bits, and xm's policy files hold 4 MiB).
   */
  static final int MAX_ENTRIES = 4096;

  private static List<Node> list(Node n, String what) {
    if (n == null) {
      return List.of();
    }
    List<Node> items = n.items(what);
    if (items.size() > MAX_ENTRIES) {
      n.problem(
          what
              + " has "
              + items.size()
              + " entries; a policy has at most "
              + MAX_ENTRIES
              + " in each list");
      return List.of();
    }
    return items;
  }

  private static List<String> types(Node n, String field, String what) {
    List<String> out = new ArrayList<>();
    Map<String, Node> seen = new HashMap<>();
    for (Node item : list(n, field)) {
      String t = item.string(field + " entries");
      if (t == null) {
        continue;
      }
      if (t.isBlank()) {
        item.problem("an empty " + what + " is declared");
      } else if (seen.putIfAbsent(t, item) != null) {
        item.problem(
            "duplicate "
                + what
                + " "
                + Node.quote(t)
                + " (first at line "
                + seen.get(t).location().line()
                + ")");
      } else {
        out.add(t);
      }
    }
    return out;
  }

  private static List<String> used(
      Node n, String field, List<String> declared, String owner, String what) {
    List<String> out = new ArrayList<>();
    for (Node item : list(n, field)) {
      String t = item.string(field + " entries");
      if (t == null) {
        continue;
      }
      if (!declared.contains(t)) {
        item.problem(
            owner + " uses " + what + " " + Node.quote(t) + ", which the policy does not declare");
      } else if (out.contains(t)) {
        item.problem(owner + " lists " + what + " " + Node.quote(t) + " twice");
      } else {
        out.add(t);
      }
    }
    return out;
  }

  private static String labelName(Node n, Map<String, Node> seen) {
    String name = n.string("name");
    if (name == null) {
      return null;
    }
    if (name.isBlank()) {
      n.problem("a label has an empty name");
    } else if (name.contains(":")) {
      n.problem("a label name may not contain ':' (" + Node.quote(name) + ")");
    } else {
      unique(seen, name, n, "label");
    }
    return name;
  }

  private static void unique(Map<String, Node> seen, String name, Node n, String what) {
    if (name == null) {
      return;
    }
    Node first = seen.putIfAbsent(name, n);
    if (first != null) {
      n.problem(
          "duplicate "
              + what
              + " "
              + Node.quote(name)
              + " (first at line "
              + first.location().line()
              + ")");
    }
  }

  private static Optional<String> from(Node n) {
    return n == null ? Optional.empty() : Optional.ofNullable(n.string("from"));
  }
}
