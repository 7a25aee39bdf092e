package xm.cli.acm;

import xm.hypervisor.SecurityLabel;

/** {@code xm getlabel dom <configfile>}: prints {@code policytype=ACM,policy=P,label=L}. */
public final class GetlabelCommand extends LabelCommand {
  @Override
  int kindAt() {
    return 0;
  }

  @Override
  void requireCount() {
    requireArgs(2);
  }

  @Override
  Integer dom() {
    SecurityLabel l = labeled(1).label();
    out().println("policytype=ACM,policy=" + l.policy() + ",label=" + l.label());
    return 0;
  }
}
