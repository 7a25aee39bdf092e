package xm.cli.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import xm.cli.Json;
import xm.cli.Opt;
import xm.cli.Text;
import xm.cli.UsageException;
import xm.cli.XmCommand;
import xm.diag.XmException;
import xm.hypervisor.DomainInfo;
import xm.spec.SpecWriter;
import xm.sxp.SxpPrinter;

/**
 * {@code xm list [-l|--long|--label] [-o json|yaml] [Domain ...]}: one line (or S-expression) per
 * domain; {@code -o yaml} writes spec documents that {@code xm apply} takes as they are.
 */
public final class ListCommand extends XmCommand {
  static final Opt LONG_FORMAT = Opt.flag("-l", "--long", "Output all VM details in SXP");
  static final Opt LABEL = Opt.flag(null, "--label", "Include security labels");
  static final Opt STATE =
      Opt.value(
          null,
          "--state",
          "<state>",
          "Select only VMs with the specified state (running, blocked, paused, shutdown, crashed, dying, halted, suspended)");
  static final Opt OUTPUT = Opt.value("-o", "--output", "<format>", "text (default), json or yaml");

  @Override
  protected java.util.List<Opt> options() {
    return java.util.List.of(LONG_FORMAT, LABEL, STATE, OUTPUT);
  }

  @Override
  public Integer call() {
    boolean longFormat = has(LONG_FORMAT);
    boolean label = has(LABEL);
    String state = value(STATE, null);
    String output = value(OUTPUT, "text");
    if (longFormat && label) {
      throw new UsageException(
          "--long prints the labels already and cannot be combined with --label");
    }
    if (output.equals("yaml") && (longFormat || label)) {
      throw new UsageException(
          "-o yaml writes spec documents and cannot be combined with "
              + (longFormat ? "--long" : "--label"));
    }
    if (state != null && !args.isEmpty()) {
      throw new UsageException("You may specify either a state or a particular VM, but not both");
    }
    List<DomainInfo> doms = Domains.select(host(), args);
    if (state != null) {
      doms = Domains.withState(doms, state);
    }
    switch (output) {
      case "json" -> {
        List<Object> out = new ArrayList<>();
        for (DomainInfo d : doms) {
          out.add(DomainViews.json(d));
        }
        out().print(Json.write(out));
      }
      case "yaml" -> out().print(specs(doms, args.isEmpty()));
      case "text" -> {
        if (longFormat) {
          int nrCpus = host().info().nrCpus();
          for (DomainInfo d : doms) {
            out().print(SxpPrinter.pretty(DomainViews.sxp(d, nrCpus)));
          }
        } else if (label) {
          labelled(doms);
        } else {
          brief(doms);
        }
      }
      default ->
          throw new UsageException(
              "unknown output format '" + output + "' (use text, json or yaml)");
    }
    return 0;
  }

  /**
   * Spec documents separated by {@code ---}; Domain-0 is skipped when listing all domains and an
   * error when named. All or nothing: a domain no spec can describe fails the command before any
   * output.
   */
  private String specs(List<DomainInfo> doms, boolean all) {
    String host = backends().nonDefaultHost();
    StringBuilder b = new StringBuilder();
    for (DomainInfo d : doms) {
      if (d.isDomain0()) {
        if (all) {
          continue;
        }
        throw XmException.badInput(
            "Domain-0 cannot be exported: it belongs to the host, and xm apply never manages it");
      }
      b.append(b.length() == 0 ? "" : "---\n").append(SpecWriter.yaml(d, host));
    }
    return b.toString();
  }

  private void brief(List<DomainInfo> doms) {
    out().println(header());
    for (DomainInfo d : doms) {
      out().println(row(d));
    }
  }

  /**
   * {@code ACM:P:L}; Domain-0 holds the active policy's bootstrap label; a label the active policy
   * does not define (of a replaced policy, or with none active) shows as {@code INV_ACM:P:L}.
   */
  static String label(DomainInfo d, java.util.Optional<xm.acm.SecurityPolicy> active) {
    if (Integer.valueOf(0).equals(d.id())) {
      return active.map(p -> "ACM:" + p.name() + ":" + p.bootstrap()).orElse("");
    }
    xm.hypervisor.SecurityLabel s = d.config().securityLabel();
    if (s == null) {
      return "";
    }
    boolean valid =
        active
            .filter(p -> p.name().equals(s.policy()) && p.vmLabel(s.label()).isPresent())
            .isPresent();
    return (valid ? "" : "INV_") + s;
  }

  private void labelled(List<DomainInfo> doms) {
    out().println(header() + " " + Text.left("Label", 10));
    List<String[]> rows = new ArrayList<>();
    java.util.Optional<xm.acm.SecurityPolicy> active = host().activePolicy();
    for (DomainInfo d : doms) {
      String l = label(d, active);
      rows.add(new String[] {row(d) + " " + Text.right(l, 10), l});
    }
    rows.sort(Comparator.comparing(r -> r[1].toLowerCase()));
    for (String[] r : rows) {
      out().println(r[0]);
    }
  }

  static String header() {
    return Text.left("Name", 40)
        + " "
        + Text.right("ID", 5)
        + " "
        + Text.right("Mem", 5)
        + " "
        + Text.right("VCPUs", 5)
        + " "
        + Text.right("State", 10)
        + " "
        + Text.right("Time(s)", 9);
  }

  static String row(DomainInfo d) {
    return Text.left(d.name(), 40)
        + " "
        + Text.right(d.id() == null ? "" : d.id().toString(), 5)
        + " "
        + Text.right(Long.toString(d.memoryMiB()), 5)
        + " "
        + Text.right(Integer.toString(d.id() == null ? d.config().vcpus() : d.onlineVcpus()), 5)
        + " "
        + Text.right(d.id() == null ? "" : d.flags().toString(), 10)
        + " "
        + Text.right(Text.oneDecimal(d.cpuTimeSec()), 8);
  }
}
