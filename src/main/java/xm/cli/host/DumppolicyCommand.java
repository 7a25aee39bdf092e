package xm.cli.host;

import java.util.List;
import xm.acm.ConflictSet;
import xm.acm.SecurityPolicy;
import xm.acm.Ssids;
import xm.acm.VmLabel;
import xm.cli.XmCommand;
import xm.diag.XmException;

/**
 * {@code xm dumppolicy}: the host's active policy as the hypervisor holds it: for each policy part
 * its sizes and, per ssidref (0 is unlabeled), which types (numbered by name, as {@link Ssids}
 * does) the label holds, {@code 01} for held and {@code 00} otherwise; the Chinese Wall part also
 * shows each conflict set as such a row.
 */
public final class DumppolicyCommand extends XmCommand {
  @Override
  public Integer call() {
    requireArgs(0);
    SecurityPolicy p =
        host()
            .activePolicy()
            .orElseThrow(
                () ->
                    XmException.error(
                        "No access control policy is active on this host; load one with 'xm loadpolicy POLICY'"));
    out().print(render(p));
    return 0;
  }

  static String render(SecurityPolicy p) {
    Ssids ssids = new Ssids(p);
    boolean cw = !p.chwallTypes().isEmpty();
    boolean ste = !p.steTypes().isEmpty();
    StringBuilder b = new StringBuilder();
    b.append("Policy dump:\n============\n");
    b.append("POLICY REFERENCE = ").append(p.name()).append(".\n");
    String cwName = "CHINESE WALL POLICY";
    String steName = "SIMPLE TYPE ENFORCEMENT POLICY";
    b.append("PRIMARY POLICY CODE = ")
        .append(cw ? cwName : ste ? steName : "NULL POLICY")
        .append('\n');
    b.append("SECONDARY POLICY CODE = ").append(cw && ste ? steName : "NULL POLICY").append("\n\n");
    if (cw) {
      List<String> types = Ssids.sorted(p.chwallTypes());
      List<VmLabel> labels = ssids.chwallLabels();
      b.append("Chinese Wall policy:\n====================\n");
      b.append("Max Types     = ").append(types.size()).append(".\n");
      b.append("Max Ssidrefs  = ").append(labels.size() + 1).append(".\n");
      b.append("Max ConfSets  = ").append(p.conflictSets().size()).append(".\n");
      b.append("Ssidrefs:\n");
      b.append(row("   ssidref 0:  ", types, List.of()));
      for (int i = 0; i < labels.size(); i++) {
        b.append(row("   ssidref " + (i + 1) + ":  ", types, labels.get(i).chwallTypes()));
      }
      b.append("Conflict Sets:\n");
      int i = 0;
      for (ConflictSet set : p.conflictSets()) {
        b.append(row("   c-set " + i++ + ":    ", types, set.types()));
      }
      b.append('\n');
    }
    if (ste) {
      List<String> types = Ssids.sorted(p.steTypes());
      List<VmLabel> labels = ssids.steLabels();
      b.append("Simple Type Enforcement policy:\n===============================\n");
      b.append("Max Types     = ").append(types.size()).append(".\n");
      b.append("Max Ssidrefs  = ")
          .append(labels.size() + ssids.resourceLabels().size() + 1)
          .append(".\n");
      b.append("Ssidrefs:\n");
      b.append(row("   ssidref 0:  ", types, List.of()));
      int i = 1;
      for (VmLabel l : labels) {
        b.append(row("   ssidref " + i++ + ":  ", types, l.steTypes()));
      }
      for (var r : ssids.resourceLabels()) {
        b.append(row("   ssidref " + i++ + ":  ", types, r.steTypes()));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String row(String head, List<String> types, List<String> held) {
    StringBuilder b = new StringBuilder(head);
    for (int i = 0; i < types.size(); i++) {
      b.append(i == 0 ? "" : " ").append(held.contains(types.get(i)) ? "01" : "00");
    }
    return b.append('\n').toString();
  }
}
