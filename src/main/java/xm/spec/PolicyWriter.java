package xm.spec;

import java.util.List;
import xm.acm.ConflictSet;
import xm.acm.ResourceLabel;
import xm.acm.SecurityPolicy;
import xm.acm.VmLabel;

/**
 * Writes a security policy as a {@code kind: SecurityPolicy} document that {@link SpecLoader} reads
 * back equal.
 */
public final class PolicyWriter {
  private PolicyWriter() {}

  public static String yaml(SecurityPolicy p, String comment) {
    StringBuilder b = new StringBuilder();
    if (comment != null) {
      String c = SpecWriter.q(comment);
      b.append("# ").append(c, 1, c.length() - 1).append('\n');
    }
    b.append("apiVersion: ")
        .append(SpecSchema.API_VERSION)
        .append("\nkind: SecurityPolicy\nmetadata:\n  name: ")
        .append(SpecWriter.q(p.name()))
        .append("\nspec:\n  version: ")
        .append(SpecWriter.q(p.version()))
        .append('\n');
    b.append("  steTypes: ").append(list(p.steTypes())).append('\n');
    b.append("  chineseWallTypes: ").append(list(p.chwallTypes())).append('\n');
    b.append("  conflictSets:").append(p.conflictSets().isEmpty() ? " []" : "").append('\n');
    for (ConflictSet c : p.conflictSets()) {
      b.append("    - {name: ")
          .append(SpecWriter.q(c.name()))
          .append(", types: ")
          .append(list(c.types()))
          .append("}\n");
    }
    b.append("  vmLabels:").append(p.vmLabels().isEmpty() ? " []" : "").append('\n');
    for (VmLabel v : p.vmLabels()) {
      b.append("    - {name: ")
          .append(SpecWriter.q(v.name()))
          .append(", steTypes: ")
          .append(list(v.steTypes()))
          .append(", chineseWallTypes: ")
          .append(list(v.chwallTypes()));
      v.from().ifPresent(f -> b.append(", from: ").append(SpecWriter.q(f)));
      b.append("}\n");
    }
    b.append("  resourceLabels:").append(p.resourceLabels().isEmpty() ? " []" : "").append('\n');
    for (ResourceLabel r : p.resourceLabels()) {
      b.append("    - {name: ")
          .append(SpecWriter.q(r.name()))
          .append(", steTypes: ")
          .append(list(r.steTypes()));
      r.from().ifPresent(f -> b.append(", from: ").append(SpecWriter.q(f)));
      b.append("}\n");
    }
    b.append("  bootstrap: ").append(SpecWriter.q(p.bootstrap())).append('\n');
    p.fromPolicy()
        .ifPresent(
            f ->
                b.append("  fromPolicy: {name: ")
                    .append(SpecWriter.q(f.name()))
                    .append(", version: ")
                    .append(SpecWriter.q(f.version()))
                    .append("}\n"));
    return b.toString();
  }

  private static String list(List<String> items) {
    return "[" + String.join(", ", items.stream().map(SpecWriter::q).toList()) + "]";
  }
}
